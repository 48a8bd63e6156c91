package org.linli.protocol.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A moment in a hub's own day that the time-dependent suites run at, instead of whenever the machine's clock says:
 * a suite passes at 23:55 in Kiritimati or fails there on every machine, not only between 16:00 and 24:00 UTC.
 *
 * <p>The moments: five past midnight, a minute before nine, noon, five to midnight, an evening on the last day of a
 * month (tomorrow is in the next month), and a minute before midnight on New Year's Eve, which the suite's tests cross
 * during the test: each test moves its clock on by {@link #MIDWAY} at a point of its own, and only there does the day
 * (and month, and year) turn. The zones: Shanghai, where the hubs are, and two that are neither Shanghai's nor, for at
 * least one of them, the machine's: Kiritimati (UTC+14, its date is ahead of the rest of the world's) and St John's
 * (UTC-3:30, a half-hour offset with daylight saving). None of the dates is a daylight-saving change in these zones.
 *
 * <p>Use {@link #matrix()} (every moment in every zone) for suites that are cheap to run, {@link #diagonal()} (every
 * moment once, the zones taking turns) and {@link #few()} (midnight crossed away from Shanghai, and one more) for
 * expensive ones.
 */
public record HubTime(String name, ZoneId zone, LocalDateTime local) {
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    public static final ZoneId KIRITIMATI = ZoneId.of("Pacific/Kiritimati");
    public static final ZoneId ST_JOHNS = ZoneId.of("America/St_Johns");
    public static final List<ZoneId> ZONES = List.of(SHANGHAI, KIRITIMATI, ST_JOHNS);

    /** How far each test moves its clock at its midpoint: across midnight from {@link #MIDNIGHT}, not otherwise. */
    public static final Duration MIDWAY = Duration.ofMinutes(2);

    static final String MIDNIGHT = "crossing midnight";
    private static final List<String> NAMES = List.of("00:05", "08:59", "12:00", "23:55", "month's last day",
            MIDNIGHT);

    /** An ordinary moment for tests that need the clock held but not a particular hour: noon in Shanghai. */
    public static HubTime noon() {
        return of("12:00", SHANGHAI);
    }

    /** The moment of that name ({@code "00:05"}, {@code "08:59"}, {@code "12:00"}, {@code "23:55"}, ...) in a zone. */
    public static HubTime of(String name, ZoneId zone) {
        LocalDate ordinary = LocalDate.of(2027, 3, 10); // a Wednesday
        LocalDateTime local = switch (name) {
            case "00:05" -> ordinary.atTime(0, 5);
            case "08:59" -> ordinary.atTime(8, 59);
            case "12:00" -> ordinary.atTime(12, 0);
            case "23:55" -> ordinary.atTime(23, 55);
            case "month's last day" -> LocalDate.of(2027, 2, 28).atTime(20, 0);
            case MIDNIGHT -> LocalDate.of(2027, 12, 31).atTime(23, 59);
            default -> throw new IllegalArgumentException("no hub time called " + name + " (known: " + NAMES + ")");
        };
        return new HubTime(name, zone, local);
    }

    /**
     * Every moment in every zone; only {@link #few()} when the system property {@code linli.test.hub-times} is
     * {@code few} (the store-dependent suites' second run, on PostgreSQL: the hours were proven on the first).
     */
    public static Stream<HubTime> matrix() {
        if ("few".equals(System.getProperty("linli.test.hub-times"))) {
            return few();
        }
        List<HubTime> all = new ArrayList<>();
        for (String name : NAMES) {
            for (ZoneId zone : ZONES) {
                all.add(of(name, zone));
            }
        }
        return all.stream();
    }

    /** Every moment once, in turns of the zones, with midnight crossed in St John's. */
    public static Stream<HubTime> diagonal() {
        if ("few".equals(System.getProperty("linli.test.hub-times"))) {
            return few();
        }
        List<HubTime> some = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            some.add(of(NAMES.get(i), ZONES.get(i % ZONES.size())));
        }
        return some.stream();
    }

    /** For the most expensive suites: midnight crossed in St John's, and five past midnight in Kiritimati. */
    public static Stream<HubTime> few() {
        return Stream.of(of(MIDNIGHT, ST_JOHNS), of("00:05", KIRITIMATI));
    }

    public Instant instant() {
        return local.atZone(zone).toInstant();
    }

    public ZonedDateTime zoned() {
        return local.atZone(zone);
    }

    /** Whether the test's {@link #MIDWAY} step takes the hub into the next day. */
    public boolean crossesMidnight() {
        return !local.plus(MIDWAY).toLocalDate().equals(local.toLocalDate());
    }

    /** A clock held at this moment, in the hub's zone; tests move it. */
    public HubClock clock() {
        return new HubClock(instant(), zone);
    }

    @Override
    public String toString() {
        return name + " in " + zone.getId() + " (" + local + ")";
    }
}
