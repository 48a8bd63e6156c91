package org.linli.agent.door;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code clock.trust: rtc}: the device has a battery-backed clock. Checked rather than assumed: an RTC must be there
 * ({@code /sys/class/rtc/rtc0}), the system clock must agree with it, and neither may be before 2025. A clock moved
 * over NTP jumps away from the RTC until the kernel copies it over (every 11 minutes while synchronised), so this
 * catches a jump at once; the agent's {@link TimeFloor} catches the rest.
 */
public final class RtcClockTrust implements ClockTrust {
    static final Path RTC = Path.of("/sys/class/rtc/rtc0");
    /** The RTC counts whole seconds and drifts a few seconds a day between NTP corrections. */
    static final Duration MAX_DISAGREEMENT = Duration.ofMinutes(5);

    private final Clock clock;
    private final Path rtc;
    private volatile boolean agrees;
    private volatile String why = "not checked yet";

    public RtcClockTrust(Clock clock) {
        this(clock, RTC);
    }

    RtcClockTrust(Clock clock, Path rtc) {
        this.clock = clock;
        this.rtc = rtc;
        refresh();
    }

    public void startRefreshing() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rtc-trust");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::refresh, 60, 60, TimeUnit.SECONDS);
    }

    public void refresh() {
        Path sinceEpoch = rtc.resolve("since_epoch");
        long rtcSeconds;
        try {
            rtcSeconds = Long.parseLong(Files.readString(sinceEpoch, StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException e) {
            agrees = false;
            why = "clock.trust is 'rtc' but no RTC can be read at " + sinceEpoch + " (" + e.getMessage() + ")";
            return;
        }
        long apart = Math.abs(clock.instant().getEpochSecond() - rtcSeconds);
        agrees = apart <= MAX_DISAGREEMENT.toSeconds();
        why = agrees ? "battery-backed clock (the RTC agrees within " + apart + " s)"
                : "the system clock and the RTC are " + apart + " s apart: one of them was set wrong";
    }

    @Override
    public boolean trusted() {
        return agrees && !clock.instant().isBefore(SystemClockTrust.FLOOR);
    }

    @Override
    public String why() {
        return clock.instant().isBefore(SystemClockTrust.FLOOR) ? "the clock says " + clock.instant()
                + ", before 2025" : why;
    }
}
