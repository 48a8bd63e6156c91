package org.linli.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The documentation as a fresh clone has it: every relative link in a tracked Markdown file (README.md, the modules'
 * READMEs, docs/) names a tracked file, and the READMEs quote the systemd units' JVM flags and watchdogs as the units
 * in deploy-pi/ have them.
 */
class DocsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path UNITS = ROOT.resolve("deploy-pi/rootfs/etc/systemd/system");
    // [text](target) and ![alt](target), the target up to a space (a title) or the closing parenthesis
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern SRC = Pattern.compile("<(?:img|a)\\s[^>]*(?:src|href)=\"([^\"]+)\"");

    @Test
    void everyRelativeLinkResolvesInAFreshClone() throws Exception {
        Set<String> tracked = tracked();
        List<String> dead = new ArrayList<>();
        int checked = 0;
        for (String doc : tracked) {
            if (!doc.endsWith(".md")) {
                continue;
            }
            String text = Files.readString(ROOT.resolve(doc), StandardCharsets.UTF_8);
            for (Pattern pattern : List.of(LINK, SRC)) {
                Matcher m = pattern.matcher(withoutCode(text));
                while (m.find()) {
                    String target = m.group(1);
                    if (target.matches("^[a-zA-Z][a-zA-Z+.-]*:.*") || target.startsWith("#")) {
                        continue; // https:, mailto:, an anchor in the same file
                    }
                    checked++;
                    String file = target.replaceAll("[#?].*$", "");
                    Path resolved = ROOT.resolve(doc).getParent().resolve(file).normalize();
                    String relative = ROOT.relativize(resolved).toString().replace('\\', '/');
                    boolean ok = tracked.contains(relative)
                            || tracked.stream().anyMatch(t -> t.startsWith(relative + "/"));
                    if (!ok) {
                        dead.add(doc + ": " + target);
                    }
                }
            }
        }
        assertEquals(List.of(), dead, "links to files a fresh clone does not have");
        assertTrue(checked > 20, "the docs' links were found (" + checked + ")");
    }

    @Test
    void theReadmesQuoteTheUnitsFlagsAsTheUnitsHaveThem() throws IOException {
        String agentUnit = Files.readString(UNITS.resolve("linli-agent.service"));
        String execStart = line(agentUnit, "ExecStart=");
        assertTrue(read("device-agent/README.md").contains(execStart),
                "device-agent/README.md quotes the unit's " + execStart);
        String agentFlags = execStart.replaceFirst("^ExecStart=/usr/bin/java ", "").replaceFirst(" -jar .*$", "");
        assertTrue(normalised(read("deploy-pi/README.md")).contains(agentFlags),
                "deploy-pi/README.md lists the agent's flags " + agentFlags);

        String kioskOpts = line(Files.readString(UNITS.resolve("linli-kiosk.service")), "Environment=LINLI_JAVA_OPTS=");
        String kioskHeap = flag(kioskOpts, "-Xmx") + " " + flag(kioskOpts, "-Xmn");
        assertTrue(read("kiosk-app/README.md").contains("| `" + kioskHeap + "` |"),
                "kiosk-app/README.md explains the unit's " + kioskHeap);

        String centralOpts = line(Files.readString(UNITS.resolve("linli-central.service")),
                "Environment=LINLI_JAVA_OPTS=");
        String centralHeap = flag(centralOpts, "-Xms") + " " + flag(centralOpts, "-Xmx");
        assertTrue(read("README.md").contains("Serial GC, `" + centralHeap + "`"),
                "README.md gives the central unit's " + centralHeap);
    }

    @Test
    void aWatchdogQuotedInADocIsTheUnitsWatchdog() throws IOException {
        List<String> wrong = new ArrayList<>();
        Pattern quoted = Pattern.compile("(linli-(?:agent|central|kiosk))\\.service[^\\n]{0,80}?WatchdogSec=(\\d+)");
        for (String doc : tracked()) {
            if (doc.endsWith(".md")) {
                Matcher m = quoted.matcher(read(doc));
                while (m.find()) {
                    String unit = Files.readString(UNITS.resolve(m.group(1) + ".service"));
                    if (!line(unit, "WatchdogSec=").equals("WatchdogSec=" + m.group(2))) {
                        wrong.add(doc + ": " + m.group());
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    private static String line(String unit, String prefix) {
        return unit.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " in the unit"));
    }

    private static String flag(String options, String prefix) {
        Matcher m = Pattern.compile("(" + Pattern.quote(prefix) + "\\S+)").matcher(options);
        assertTrue(m.find(), prefix + " in " + options);
        return m.group(1).replace("\"", "");
    }

    private static String read(String doc) throws IOException {
        return Files.readString(ROOT.resolve(doc), StandardCharsets.UTF_8);
    }

    /** Markdown's line breaks and code quotes out, so a list of flags wrapped over two lines reads as one. */
    private static String normalised(String text) {
        return text.replace("`", "").replaceAll("\\s+", " ");
    }

    /** Fenced code blocks out: a link there is an example, not a link. */
    private static String withoutCode(String text) {
        return text.replaceAll("(?s)```.*?```", "");
    }

    /** The files a clone has: git's list where there is a checkout, else every file below the root. */
    static Set<String> tracked() throws IOException {
        try {
            Process git = new ProcessBuilder("git", "-C", ROOT.toString(), "ls-files").redirectErrorStream(true)
                    .start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (git.waitFor() == 0) {
                return new TreeSet<>(out.lines().collect(Collectors.toSet()));
            }
        } catch (IOException e) {
            // no git: an unpacked source archive
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(ROOT)) {
            return files.filter(Files::isRegularFile).map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.contains("/target/") && !p.startsWith(".git/"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
