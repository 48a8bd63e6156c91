package org.linli.central.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;

/**
 * The monthly report of each hub (district, street and residential), filed once the month is over in the hub's
 * zone: its figures as they stood then (a JSON file per language, which the print page renders with its charts) and
 * an Excel workbook, in {@code <data.dir>/reports/<hub>/}. Filed reports are not rewritten by the schedule: they are
 * what was reported (an admin may file a month again after figures were corrected).
 */
public final class MonthlyReports {
    private static final System.Logger LOG = System.getLogger(MonthlyReports.class.getName());
    private static final Pattern FILE = Pattern.compile("(\\d{4}-\\d{2})\\.(zh|en)\\.(json|xlsx)");
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final Path dir;
    private final Catalogue catalogue;
    private final Reports reports;
    private final Clock clock;

    public MonthlyReports(Path dir, Catalogue catalogue, Reports reports, Clock clock) {
        this.dir = dir;
        this.catalogue = catalogue;
        this.reports = reports;
        this.clock = clock;
    }

    /** A filed month of a hub. */
    public record Filed(String month, List<String> files) {
    }

    /**
     * Files last month's report of every hub that has none yet, at each level (a residential hub's report is its
     * own, not rolled up); months end in each hub's zone. Returns how many hubs were filed.
     */
    public synchronized int fileDue() {
        int filed = 0;
        for (Hub hub : catalogue.hubs()) {
            if (Thread.currentThread().isInterrupted()) {
                break; // the service is stopping: what is not filed yet is filed at the next start
            }
            YearMonth last = YearMonth.from(LocalDate.ofInstant(clock.instant(), hub.timezone())).minusMonths(1);
            if (!Files.exists(file(hub.id(), last, "zh", "json"))) {
                file(hub, last);
                filed++;
            }
        }
        return filed;
    }

    /** Files (or files again) the report of a hub's month; one at a time, so a file is never written twice at once. */
    public synchronized void file(Hub hub, YearMonth month) {
        Period period = new Period(month.atDay(1), month.atEndOfMonth());
        try {
            Files.createDirectories(dir.resolve(hub.id()));
            for (String lang : List.of("zh", "en")) {
                Map<String, Object> report = new LinkedHashMap<>(reports.report(hub, !hub.level().equals(
                        "residential"), period, Texts.of(lang)));
                report.put("filedAt", clock.instant().atZone(hub.timezone()).toOffsetDateTime().toString());
                report.put("month", month.toString());
                write(file(hub.id(), month, lang, "json"), out -> JSON.writeValue(out, report));
                @SuppressWarnings("unchecked")
                Map<String, Table> tables = (Map<String, Table>) report.get("tables");
                write(file(hub.id(), month, lang, "xlsx"), out -> Exports.xlsx(new ArrayList<>(tables.values()), out));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot file the report of " + hub.id() + " for " + month, e);
        }
        LOG.log(Level.INFO, "filed the monthly report of " + hub.id() + " for " + month);
    }

    /** The months filed for a hub, newest first. */
    public List<Filed> list(String hubId) {
        Path hubDir = dir.resolve(hubId);
        if (!Files.isDirectory(hubDir)) {
            return List.of();
        }
        Map<String, List<String>> months = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        try (Stream<Path> files = Files.list(hubDir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> FILE.matcher(n).matches()).sorted()
                    .forEach(n -> months.computeIfAbsent(n.substring(0, 7), m -> new ArrayList<>()).add(n));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return months.entrySet().stream().map(e -> new Filed(e.getKey(), e.getValue())).toList();
    }

    /** A filed file by its name ({@code 2026-11.zh.json}); empty when there is none or the name is not one. */
    public Optional<Path> find(String hubId, String name) {
        if (!FILE.matcher(name).matches()) {
            return Optional.empty();
        }
        Path path = dir.resolve(hubId).resolve(name);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    private Path file(String hubId, YearMonth month, String lang, String ext) {
        return dir.resolve(hubId).resolve(month + "." + lang + "." + ext);
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Written to a temporary file and moved into place, so a listed file is always whole. */
    private static void write(Path target, Writer writer) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(partial)) {
            writer.write(out);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
