package org.linli.agent.door;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.testing.HubClock;

/**
 * When a door believes its clock (review finding M8): what the system says (timesyncd, the kernel's NTP state, an
 * RTC), never before 2025, and never behind a time central vouched for, kept on disk.
 */
class ClockTrustTest {
    static final Instant NOW = Instant.parse("2026-12-04T02:00:00Z");

    @TempDir
    Path dir;

    final HubClock clock = new HubClock(NOW, ZoneOffset.UTC);

    @Test
    void systemTrustFollowsTimesyncdsFlagThenTheKernelsNtpState() throws Exception {
        Path flag = dir.resolve("synchronized");
        AtomicBoolean kernel = new AtomicBoolean(false);
        SystemClockTrust trust = new SystemClockTrust(clock, flag, kernel::get);
        assertFalse(trust.trusted());
        assertEquals("the system clock has not been synchronised since boot", trust.why());

        kernel.set(true);
        trust.refresh();
        assertTrue(trust.trusted(), trust.why());
        assertEquals("synchronised (timedatectl)", trust.why());

        kernel.set(false);
        Files.createFile(flag);
        trust.refresh();
        assertTrue(trust.trusted());
        assertEquals("synchronised by systemd-timesyncd", trust.why());

        Files.delete(flag);
        trust.refresh();
        assertFalse(trust.trusted(), "losing sync is noticed at the next refresh");
    }

    @Test
    void aClockBefore2025IsNeverTrustedWhateverTheSystemSays() throws Exception {
        Path flag = Files.createFile(dir.resolve("synchronized"));
        clock.set(Instant.parse("1970-01-01T00:01:00Z"));
        SystemClockTrust trust = new SystemClockTrust(clock, flag, () -> true);
        assertFalse(trust.trusted());
        assertTrue(trust.why().contains("before 2025"), trust.why());
    }

    @Test
    void rtcTrustNeedsAnRtcThatAgreesWithTheSystemClock() throws Exception {
        Path rtc = dir.resolve("rtc0");
        RtcClockTrust missing = new RtcClockTrust(clock, rtc);
        assertFalse(missing.trusted());
        assertTrue(missing.why().contains("no RTC"), missing.why());

        Files.createDirectories(rtc);
        Files.writeString(rtc.resolve("since_epoch"), (NOW.getEpochSecond() - 3) + "\n");
        RtcClockTrust agreeing = new RtcClockTrust(clock, rtc);
        assertTrue(agreeing.trusted(), agreeing.why());

        clock.set(NOW.minus(Duration.ofDays(2)));
        agreeing.refresh();
        assertFalse(agreeing.trusted(), "the system clock jumped two days away from the RTC");
        assertTrue(agreeing.why().contains("apart"), agreeing.why());
    }

    /** A flat RTC battery: the RTC starts again at its epoch and the kernel sets the system clock from it. */
    @Test
    void anRtcBackAtItsEpochIsNotTrustedThoughTheSystemClockAgreesWithIt() throws Exception {
        Path rtc = Files.createDirectories(dir.resolve("rtc0"));
        Instant epoch = Instant.parse("2000-01-01T00:00:00Z");
        Files.writeString(rtc.resolve("since_epoch"), epoch.getEpochSecond() + "\n");
        clock.set(epoch.plusSeconds(40));
        RtcClockTrust trust = new RtcClockTrust(clock, rtc);
        assertFalse(trust.trusted());
        assertTrue(trust.why().contains("before 2025"), trust.why());
    }

    @Test
    void aClockBehindTheNewestTimeCentralVouchedForIsNotTrustedEvenAfterARestart() {
        ClockTrust synced = ClockTrust.fixed(true, "synchronised by systemd-timesyncd");
        TimeFloor floor = new TimeFloor(dir);
        FlooredClockTrust trust = new FlooredClockTrust(synced, floor, clock);
        assertTrue(trust.trusted());

        floor.saw(NOW.plus(Duration.ofDays(2)).toEpochMilli(), "the hub's revocation list");
        assertFalse(trust.trusted(), "NTP moved the clock two days back");
        assertTrue(trust.why().contains("behind") && trust.why().contains("the hub's revocation list"), trust.why());

        FlooredClockTrust afterRestart = new FlooredClockTrust(synced, new TimeFloor(dir), clock);
        assertFalse(afterRestart.trusted(), "the floor is kept on disk");

        clock.set(NOW.plus(Duration.ofDays(2)).minus(FlooredClockTrust.TOLERANCE));
        assertTrue(afterRestart.trusted(), "a clock within the tolerance of central's is fine");
    }

    @Test
    void withinARunTheFloorMovesWithTheMonotonicClock() {
        AtomicLong nanos = new AtomicLong(1_000);
        TimeFloor floor = new TimeFloor(dir, nanos::get);
        FlooredClockTrust trust = new FlooredClockTrust(ClockTrust.fixed(true, "synced"), floor, clock);
        floor.saw(NOW.toEpochMilli(), "a command signed by central");
        assertTrue(trust.trusted());
        nanos.addAndGet(Duration.ofHours(2).toNanos());
        assertFalse(trust.trusted(), "two hours later the wall clock still says the same time: it was held back");
        clock.set(NOW.plus(Duration.ofHours(2)));
        assertTrue(trust.trusted());
    }

    @Test
    void anOlderTimeDoesNotLowerTheFloorOnlyAResetDoes() {
        TimeFloor floor = new TimeFloor(dir, () -> 0);
        floor.saw(NOW.toEpochMilli(), "list 1");
        floor.saw(NOW.minusSeconds(3600).toEpochMilli(), "list 0");
        assertEquals(NOW.toEpochMilli(), floor.lowerBoundMillis());
        floor.reset(NOW.minusSeconds(3600).toEpochMilli(), "central's clock went back");
        assertEquals(NOW.minusSeconds(3600).toEpochMilli(), new TimeFloor(dir).lowerBoundMillis(), "and is kept");
    }

    @Test
    void theFloorDoesNotWearTheCardForEverySmallStep() throws Exception {
        TimeFloor floor = new TimeFloor(dir, () -> 0);
        floor.saw(NOW.toEpochMilli(), "list");
        long written = Files.getLastModifiedTime(dir.resolve("time-floor")).toMillis();
        String text = Files.readString(dir.resolve("time-floor"));
        floor.saw(NOW.toEpochMilli() + 1000, "receipt");
        assertEquals(text, Files.readString(dir.resolve("time-floor")), "a second later is not written");
        floor.saw(NOW.toEpochMilli() + 61_000, "receipt");
        assertTrue(Files.readString(dir.resolve("time-floor")).startsWith(Long.toString(NOW.toEpochMilli() + 61_000)));
        assertTrue(written > 0);
    }
}
