package org.linli.protocol.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The moments the time-dependent suites run at are the ones they are meant to be, wherever the machine is. */
class HubTimeTest {
    @Test
    void theMatrixHoldsEveryMomentInEveryZone() {
        List<HubTime> all = HubTime.matrix().toList();
        assertEquals(18, all.size());
        Set<LocalTime> times = all.stream().map(t -> t.local().toLocalTime()).collect(Collectors.toSet());
        assertTrue(times.containsAll(List.of(LocalTime.of(0, 5), LocalTime.of(8, 59), LocalTime.of(12, 0),
                LocalTime.of(23, 55))), times.toString());
        assertTrue(all.stream().anyMatch(t -> t.local().toLocalDate().plusDays(1).getDayOfMonth() == 1
                && !t.crossesMidnight()), "the last day of a month, tomorrow in the next");
        assertEquals(3, all.stream().filter(HubTime::crossesMidnight).count(), "one crossing per zone");
        assertTrue(all.stream().filter(t -> !t.crossesMidnight()).allMatch(t -> t.local().plus(HubTime.MIDWAY)
                .toLocalDate().equals(t.local().toLocalDate())), "only the crossing changes the day midway");
    }

    @Test
    void aZoneDiffersFromTheMachinesAndFromShanghaisAtEveryMoment() {
        ZoneId machine = ZoneId.systemDefault();
        for (HubTime time : HubTime.matrix().toList()) {
            boolean elsewhere = HubTime.ZONES.stream().anyMatch(zone -> {
                var offset = zone.getRules().getOffset(time.local());
                return !offset.equals(HubTime.SHANGHAI.getRules().getOffset(time.local()))
                        && !offset.equals(machine.getRules().getOffset(time.local()));
            });
            assertTrue(elsewhere, time + ": no zone other than the machine's (" + machine + ") and Shanghai's");
        }
    }

    @Test
    void theCheaperListsStillCrossMidnightAwayFromShanghai() {
        for (List<HubTime> some : List.of(HubTime.diagonal().toList(), HubTime.few().toList())) {
            assertTrue(some.stream().anyMatch(t -> t.crossesMidnight() && !t.zone().equals(HubTime.SHANGHAI)),
                    some.toString());
        }
        assertEquals(6, HubTime.diagonal().map(HubTime::name).distinct().count());
    }

    @Test
    void theClockStandsStillUntilMovedAndKeepsMovingInAnyZone() {
        HubTime time = HubTime.of("crossing midnight", HubTime.KIRITIMATI);
        HubClock clock = time.clock();
        var utc = clock.withZone(ZoneId.of("UTC"));
        assertEquals(LocalDate.of(2027, 12, 31), clock.today());
        assertEquals(time.instant(), utc.instant());
        clock.advance(HubTime.MIDWAY);
        assertEquals(LocalDate.of(2028, 1, 1), clock.today());
        assertEquals(clock.instant(), utc.instant(), "a view in another zone moves with it");
        assertEquals(LocalDate.of(2028, 1, 1), LocalDate.now(clock.withZone(HubTime.KIRITIMATI)));
        assertFalse(HubTime.noon().crossesMidnight());
    }
}
