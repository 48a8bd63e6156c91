package org.linli.kiosk.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.kiosk.AdjustableClock;
import org.linli.kiosk.TestCentral;
import org.linli.kiosk.central.Catalogue;
import org.linli.kiosk.central.CentralClient;
import org.linli.kiosk.central.Connectivity;
import org.linli.kiosk.central.Names;
import org.linli.kiosk.session.Async;

/**
 * The attract screen against the real central service, with the demo hub moved to New York and open 09:00–17:00:
 * its hours and its zone come from the service, never from the machine or from Shanghai.
 */
class HomeViewModelTest {
    static final ZoneId ZONE = ZoneId.of("America/New_York");

    @TempDir
    Path dir;
    AdjustableClock clock;
    TestCentral central;
    HomeViewModel vm;

    /** The kiosk and the service at {@code time} today in New York, going on in real time from there. */
    void start(LocalTime time) throws IOException {
        Instant then = LocalDate.now(ZONE).atTime(time).atZone(ZONE).toInstant();
        clock = new AdjustableClock(Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), then)));
        central = TestCentral.start(dir.resolve("central"), clock, Map.of("catalogue.seed", newYorkHub().toString()));
        CentralClient client = new CentralClient(central.url(), central.kioskKey(), TestCentral.HUB,
                new Connectivity(Runnable::run));
        vm = new HomeViewModel(client, new Async(Runnable::run, Runnable::run), clock, ZONE, new Catalogue());
    }

    private Path newYorkHub() throws IOException {
        String demo;
        try (InputStream in = TestCentral.class.getResourceAsStream("/demo/demo-hub.yaml")) {
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String moved = demo.replace("timezone: Asia/Shanghai", "timezone: America/New_York")
                .replace("opening-hours: {open: \"08:00\", close: \"21:00\"}",
                        "opening-hours: {open: \"09:00\", close: \"17:00\"}");
        if (moved.contains("Asia/Shanghai") || !moved.contains("\"17:00\"")) {
            throw new IllegalStateException("demo-hub.yaml changed: update this test, which moves it");
        }
        return Files.writeString(dir.resolve("new-york-hub.yaml"), moved);
    }

    @AfterEach
    void stop() {
        if (central != null) {
            central.close();
        }
    }

    @Test
    void atThreeThirtyThreeTheHubIsClosedUntilNineThatMorning() throws IOException {
        start(LocalTime.of(3, 33));
        vm.refresh();
        HomeViewModel.Closed closed = vm.closedProperty().get();
        assertEquals(clock.instant().atZone(ZONE).toLocalDate(), closed.opens().toLocalDate());
        assertEquals(LocalTime.of(9, 0), closed.opens().toLocalTime());
        assertEquals(ZONE, closed.opens().getZone());
        assertEquals(0, closed.days(), "it opens later the same day");
        assertFalse(closed.allDay());
        assertFalse(vm.open());
    }

    @Test
    void opensAtTheOpeningMinuteAndClosesAtTheClosingMinute() throws IOException {
        start(LocalTime.of(8, 59));
        vm.refresh();
        assertFalse(vm.open(), "08:59");
        clock.advance(Duration.ofMinutes(1));
        vm.checkOpening();
        assertTrue(vm.open(), "09:00");
        assertNull(vm.closedProperty().get());

        clock.advance(Duration.ofHours(7).plusMinutes(59));
        vm.checkOpening();
        assertTrue(vm.open(), "16:59");
        clock.advance(Duration.ofMinutes(1));
        vm.checkOpening();
        assertFalse(vm.open(), "17:00");
        assertEquals(1, vm.closedProperty().get().days(), "after closing it opens the next day");
        assertEquals(LocalTime.of(9, 0), vm.closedProperty().get().opens().toLocalTime());
    }

    /**
     * A holiday today and tomorrow, and the weekday after closed every week: closed all day, opening again on the
     * third day at nine; check-in and tickets wait, even at an hour the hub is usually open.
     */
    @Test
    void onAHolidayTheHubIsClosedAllDayAndSaysWhenItReopens() throws IOException {
        start(LocalTime.of(10, 0));
        LocalDate today = clock.instant().atZone(ZONE).toLocalDate();
        central.week("09:00", "17:00", java.util.Set.of(today.plusDays(2).getDayOfWeek()),
                List.of(today, today.plusDays(1)));
        vm.refresh();
        HomeViewModel.Closed closed = vm.closedProperty().get();
        assertFalse(vm.open(), "10:00 on a holiday");
        assertTrue(closed.allDay());
        assertEquals(today.plusDays(3).atTime(9, 0).atZone(ZONE), closed.opens());
        assertEquals(3, closed.days());

        central.week("09:00", "17:00", java.util.Set.of(), List.of());
        vm.refresh();
        assertTrue(vm.open(), "the closures taken back: open at 10:00 again");
    }

    @Test
    void emptyQueuesAreNamedAndSayNobodyWaits() throws IOException {
        start(LocalTime.of(10, 0));
        vm.refresh();
        assertEquals(7, vm.strip().size(), "the demo hub's seven services");
        HomeViewModel.Serving affairs = vm.strip().get(0);
        assertEquals(new Names("社区事务受理", "Community affairs"), affairs.name());
        assertNull(affairs.number());
        assertTrue(vm.strip().stream().allMatch(HomeViewModel.Serving::idle));
        assertTrue(vm.nobodyWaiting());

        central.drawTicket("affairs");
        central.drawTicket("affairs");
        vm.refresh();
        assertFalse(vm.nobodyWaiting());
        affairs = vm.strip().get(0);
        assertEquals(2, affairs.waiting());
        assertFalse(affairs.idle());
        String called = central.callNext("counter-1");
        vm.called("affairs", called);
        assertEquals(new HomeViewModel.Serving("affairs", new Names("社区事务受理", "Community affairs"), called, 2,
                false), vm.strip().get(0), "the strip follows a call at once; the waiting count follows with the queue event");
        assertEquals(List.of(), vm.strip().subList(1, 7).stream().filter(s -> !s.idle()).toList());
    }

    /**
     * Counter 3, the only one for legal advice and repairs, closed: the strip names both services as not served
     * rather than "no wait", and a queue event of it opening again makes them plain idle services once more.
     */
    @Test
    void servicesWithEveryCounterClosedAreNotShownAsNoWait() throws Exception {
        start(LocalTime.of(10, 0));
        central.post("/api/v1/counters/counter-3/close", central.staffToken("counter"), Map.of());
        vm.refresh();
        List<String> closed = vm.strip().stream().filter(HomeViewModel.Serving::noCounterOpen)
                .map(HomeViewModel.Serving::service).toList();
        assertEquals(List.of("legal", "repairs"), closed);
        assertFalse(vm.strip().stream().filter(s -> s.service().equals("legal")).findFirst().orElseThrow().idle());
        assertFalse(vm.nobodyWaiting(), "not \"no waiting at any service\" while two have nobody to serve");

        central.post("/api/v1/counters/counter-3/open", central.staffToken("counter"), Map.of());
        CentralClient client = new CentralClient(central.url(), central.kioskKey(), TestCentral.HUB,
                new Connectivity(Runnable::run));
        client.queues().stream().filter(q -> q.service().equals("legal")).forEach(vm::liveQueue);
        assertFalse(vm.strip().stream().filter(s -> s.service().equals("legal")).findFirst().orElseThrow()
                .noCounterOpen(), "the counter opened again");
        assertTrue(vm.strip().stream().filter(s -> s.service().equals("repairs")).findFirst().orElseThrow()
                .noCounterOpen(), "no event for repairs yet");
    }
}
