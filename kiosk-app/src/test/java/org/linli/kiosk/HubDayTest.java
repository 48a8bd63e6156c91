package org.linli.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.linli.kiosk.activities.ActivitiesViewModel;
import org.linli.kiosk.checkin.CheckinViewModel;
import org.linli.kiosk.home.HomeViewModel;
import org.linli.kiosk.print.ReceiptPrinter;
import org.linli.kiosk.queue.QueueViewModel;
import org.linli.kiosk.rating.RatingViewModel;
import org.linli.kiosk.rooms.RoomsViewModel;
import org.linli.protocol.testing.HubTime;

/**
 * What the kiosk shows and does that depends on the hub's day, against the real central service, at every
 * {@link HubTime} in three zones: today's slots are the hub's today, only what is still ahead can be booked, the
 * week of activities and the ticket numbers follow the hub's date, and a visit is counted on the hub's day. Each
 * test steps its clock on by {@link HubTime#MIDWAY}, which takes the last moment of the list over midnight.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("org.linli.protocol.testing.HubTime#matrix")
class HubDayTest {
    @Parameter
    HubTime time;
    @TempDir
    static Path dir;
    static CentralFixture f;

    @BeforeParameterizedClassInvocation
    static void start(HubTime time) throws Exception {
        f = new CentralFixture(Files.createTempDirectory(dir, "hub"), time);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        f.close();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(f.clock.instant(), f.zone);
    }

    private RoomsViewModel rooms() {
        return new RoomsViewModel(f.client, f.async, ReceiptPrinter.NONE, new RatingViewModel(f.sender, f.async),
                f.clock, f.zone, Map.of(), f.resident);
    }

    @Test
    void roomsShowTheHubsOwnDayAndOnlyWhatIsStillAheadCanBeBooked() {
        RoomsViewModel rooms = rooms();
        rooms.refresh();
        rooms.choose(rooms.rooms().stream().filter(r -> r.room().id().equals("studio")).findFirst().orElseThrow()
                .room());
        LocalTime hour = f.clock.instant().atZone(f.zone).toLocalTime();
        // after the hub's closing time (21:00) the timeline starts on the next day, where everything is still ahead
        boolean closed = !hour.isBefore(LocalTime.of(21, 0));
        LocalDate first = closed ? today().plusDays(1) : today();
        assertEquals(first, rooms.dateProperty().get());
        var slots = rooms.slots();
        assertEquals(first.atTime(8, 0).atZone(f.zone).toOffsetDateTime(), slots.getFirst().start(),
                "the day's first slot at 08:00 in the hub, whatever the machine's zone and date");
        int ahead = -1;
        for (int i = 0; i < slots.size(); i++) {
            boolean started = !slots.get(i).start().toInstant().isAfter(f.clock.instant());
            rooms.tapSlot(i);
            if (started) {
                assertFalse(rooms.hasTime(), "a slot that has begun cannot be chosen: " + slots.get(i));
            } else if (ahead < 0) {
                assertTrue(rooms.hasTime(), "the first slot ahead can be chosen: " + slots.get(i));
                ahead = i;
            }
        }
        assertEquals(hour.isBefore(LocalTime.of(20, 30)) || closed, ahead >= 0,
                "slots are left until the hub's last one, and after closing on the next day");
        // the resident takes a while (MIDWAY): a slot that is still ahead then, else the first of tomorrow
        var later = f.clock.instant().plus(HubTime.MIDWAY);
        int chosen = -1;
        for (int i = 0; i < slots.size() && chosen < 0; i++) {
            if (slots.get(i).start().toInstant().isAfter(later)) {
                chosen = i;
            }
        }
        if (chosen < 0) {
            rooms.moveDay(1); // nothing left today: tomorrow, in the hub
            assertEquals(first.plusDays(1), rooms.dateProperty().get());
            chosen = 0;
        }
        OffsetDateTime start = rooms.slots().get(chosen).start();
        rooms.tapSlot(chosen);
        rooms.toDetails();
        rooms.setPurpose("meeting");
        "13800138000".chars().forEach(c -> rooms.phone().press((char) c));
        f.clock.advance(HubTime.MIDWAY);
        rooms.book();
        assertEquals(RoomsViewModel.Step.DONE, rooms.stepProperty().get(), rooms.messageProperty().get());
        assertTrue(rooms.bookingProperty().get().start().isEqual(start), "the slot the resident chose");

        LocalDate before = today().minusDays(1);
        RoomsViewModel next = rooms();
        next.refresh();
        next.choose(next.rooms().getFirst().room());
        boolean closedNow = !f.clock.instant().atZone(f.zone).toLocalTime().isBefore(LocalTime.of(21, 0));
        assertEquals(closedNow ? today().plusDays(1) : today(), next.dateProperty().get(),
                "the hub's day now (after midnight the new one), or after closing the next");
        next.moveDay(-1);
        assertFalse(next.dateProperty().get().isBefore(today()), "never a day gone by: " + before);
    }

    @Test
    void theWeekOfActivitiesStartsOnTheHubsToday() throws Exception {
        ActivitiesViewModel activities = new ActivitiesViewModel(f.client, f.async, f.clock, f.zone, f.resident);
        activities.showWeek(true);
        assertEquals(ActivitiesViewModel.Step.LIST, activities.stepProperty().get());
        // exactly the activities whose day in the hub is today or in the six days after it
        var around = f.client.activities(today().minusDays(8), today().plusDays(8)).stream()
                .filter(a -> {
                    LocalDate day = a.start().atZoneSameInstant(f.zone).toLocalDate();
                    return !day.isBefore(today()) && !day.isAfter(today().plusDays(6));
                }).map(a -> a.id()).toList();
        assertFalse(around.isEmpty());
        assertEquals(around, activities.activities().stream().map(a -> a.id()).toList());
        HomeViewModel home = new HomeViewModel(f.client, f.async, f.clock, f.zone, f.catalogue);
        home.refresh();
        assertFalse(home.next().isEmpty());
        assertTrue(home.next().stream().allMatch(a -> a.end().toInstant().isAfter(f.clock.instant())),
                "home shows only what has not ended: " + home.next());
    }

    @Test
    void ticketNumbersFollowTheHubsDay() {
        QueueViewModel queue = new QueueViewModel(f.client, f.async, ReceiptPrinter.NONE,
                new RatingViewModel(f.sender, f.async), f.central.url(), f.resident);
        queue.refresh();
        QueueViewModel.Tile repairs = queue.tiles().stream().filter(t -> t.service().id().equals("repairs"))
                .findFirst().orElseThrow();
        queue.choose(repairs);
        queue.take(false);
        assertEquals("F001", queue.ticketProperty().get().number());
        LocalDate day = today();
        f.clock.advance(HubTime.MIDWAY);
        queue.reset();
        queue.refresh();
        queue.choose(repairs);
        queue.take(false);
        assertEquals(day.equals(today()) ? "F002" : "F001", queue.ticketProperty().get().number(),
                "numbers go on within the hub's day and start again on its next");
    }

    @Test
    void aVisitIsCountedOnTheHubsDay() throws Exception {
        CheckinViewModel checkin = new CheckinViewModel(f.sender, f.clock, TestCentral.HUB, f.async,
                new RatingViewModel(f.sender, f.async), f.catalogue, f.resident);
        LocalDate day = today();
        checkin.usePhone();
        "13600136000".chars().forEach(c -> checkin.phone().press((char) c));
        checkin.submitPhone();
        assertEquals(CheckinViewModel.State.WELCOME, checkin.stateProperty().get(), checkin.messageProperty().get());
        f.clock.advance(HubTime.MIDWAY);
        String staff = f.central.staffToken("operator");
        assertEquals(1, visits(day, staff), "counted on the hub's day of the visit");
        if (!today().equals(day)) {
            assertEquals(0, visits(today(), staff), "and not on the next");
        }
    }

    private int visits(LocalDate day, String staff) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(f.central.url().resolve("/api/v1/hubs/" + TestCentral.HUB
                + "/checkins?date=" + day)).header("Authorization", "Bearer " + staff).build();
        var answer = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).path("total").asInt();
    }
}
