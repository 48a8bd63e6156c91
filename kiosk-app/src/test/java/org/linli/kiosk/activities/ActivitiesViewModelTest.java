package org.linli.kiosk.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.kiosk.CentralFixtureTest;
import org.linli.kiosk.TestCentral;
import org.linli.kiosk.central.CentralClient;
import org.linli.protocol.testing.TcpProxy;

class ActivitiesViewModelTest extends CentralFixtureTest {
    ActivitiesViewModel vm;

    @BeforeEach
    void start() throws Exception {
        vm = new ActivitiesViewModel(f.client, f.async, f.clock, f.zone, f.resident);
    }

    /** "Today" asked on entering and "next 7 days" tapped at once: the list is the one asked for last. */
    @Test
    void anOlderAnswerArrivingLastDoesNotReplaceTheNewerList() {
        java.util.List<Runnable> asked = new java.util.ArrayList<>();
        var model = new ActivitiesViewModel(f.client, new org.linli.kiosk.session.Async(asked::add, Runnable::run),
                f.clock, f.zone, f.resident);
        model.refresh();
        model.showWeek(true);
        assertEquals(2, asked.size());
        asked.get(1).run(); // the week's answer comes first,
        asked.get(0).run(); // today's, asked earlier, last
        assertEquals(7, model.activities().size(), "the week, as asked for last");
    }

    @Test
    void todayShowsFewerThanTheWeek() {
        vm.refresh();
        assertEquals(ActivitiesViewModel.Step.LIST, vm.stepProperty().get());
        assertEquals(List.of("demo-classics-0"), vm.activities().stream().map(a -> a.id()).toList(),
                "this morning's class only");
        vm.showWeek(true);
        assertEquals(ActivitiesViewModel.Step.LIST, vm.stepProperty().get());
        assertEquals(7, vm.activities().size(), "one activity a day for the demo week");
    }

    @Test
    void aKnownResidentSignsUpWithoutTypingTheirNumberAgain() {
        f.resident.phone("13900139000");
        vm.refresh();
        vm.choose(vm.activities().stream().filter(a -> !a.full()).findFirst().orElseThrow());
        vm.signUp();
        assertEquals(ActivitiesViewModel.Step.DONE, vm.stepProperty().get());
        long signedUp = f.central.count("SELECT resident_id FROM activity_signup ORDER BY rowid DESC LIMIT 1");
        assertTrue(signedUp > 0, "signed up as a resident");
        f.central.residentCard("13900139000");
        assertEquals(signedUp, f.central.newestResident(), "the resident of that number, known before its card");
    }

    /**
     * The hub calls an activity off while a resident is signing up for it: they are told so, and back in the list it
     * says so and cannot be chosen.
     */
    @Test
    void anActivityCalledOffMeanwhileSaysSoAndIsMarkedInTheList() {
        vm.refresh();
        vm.showWeek(true);
        var activity = vm.activities().stream().filter(a -> !a.full()).findFirst().orElseThrow();
        vm.choose(activity);
        callOff(activity.id());
        "13800138000".chars().forEach(c -> vm.phone().press((char) c));
        vm.signUp();
        assertEquals(ActivitiesViewModel.Step.PROBLEM, vm.stepProperty().get());
        assertEquals("activities.refused.cancelled", vm.messageProperty().get());
        vm.back();
        assertEquals(java.util.Set.of(activity.id()), vm.calledOff(), "marked as called off");
        assertTrue(vm.activities().stream().anyMatch(a -> a.id().equals(activity.id())), "still listed, marked");
        assertEquals(7, vm.activities().size(), "the rest of the week still listed");
        vm.choose(activity);
        assertEquals(ActivitiesViewModel.Step.LIST, vm.stepProperty().get(), "it cannot be chosen");
    }

    /**
     * Called off while the list is on screen: the live event marks it (the central service leaves it out of its
     * list, so the list asked again keeps it marked); one moved to a later day only leaves the list, it is not
     * called off; and a resident typing their number for it is told.
     */
    @Test
    void theLiveEventMarksAnActivityCalledOffAndTheListAskedAgainKeepsIt() {
        vm.showWeek(true);
        var ahead = vm.activities().stream().filter(a -> a.start().toInstant().isAfter(f.clock.instant())).toList();
        var off = ahead.get(0);
        var moved = ahead.get(1);
        callOff(off.id());
        f.central.put("/api/v1/activities/" + moved.id(), f.central.staffToken("admin"), java.util.Map.of(
                "room", moved.room(), "titleZh", moved.title().zh(), "titleEn", moved.title().en(),
                "start", moved.start().plusDays(20).toString(), "end", moved.end().plusDays(20).toString(),
                "capacity", moved.capacity()));
        vm.liveCalledOff(off);
        assertEquals(java.util.Set.of(off.id()), vm.calledOff());
        f.clock.advance(ActivitiesViewModel.REFRESH_EVERY);
        vm.tick();
        assertEquals(java.util.Set.of(off.id()), vm.calledOff(), "the moved one is not taken as called off");
        assertTrue(vm.activities().stream().anyMatch(a -> a.id().equals(off.id())), "listed, marked called off");
        assertFalse(vm.activities().stream().anyMatch(a -> a.id().equals(moved.id())), "moved out of the week");
        var order = vm.activities().stream().map(a -> a.start().toInstant()).toList();
        assertEquals(order.stream().sorted().toList(), order, "in the order of their start");

        var typing = ahead.get(2);
        vm.choose(typing);
        vm.liveCalledOff(typing);
        assertEquals(ActivitiesViewModel.Step.PROBLEM, vm.stepProperty().get(), "told while typing their number");
        assertEquals("activities.refused.cancelled", vm.messageProperty().get());

        // the network goes while the list is read: the next periodic ask keeps it on screen (the banner says why)
        vm.back();
        f.central.stop();
        f.clock.advance(ActivitiesViewModel.REFRESH_EVERY);
        vm.tick();
        assertEquals(ActivitiesViewModel.Step.LIST, vm.stepProperty().get());
        assertEquals(order.size(), vm.activities().size());
    }

    /**
     * This morning's class, once its end has passed while the list is on screen, is marked as over at the next tick,
     * before the list is asked again (asked again, it is the same list, which rebuilt nothing on screen: it went on
     * offering "报名"); it stays marked in the list asked again, and cannot be chosen.
     */
    @Test
    void anActivityThatEndsWhileListedIsMarkedOverAndCannotBeChosen() {
        vm.refresh();
        var classics = vm.activities().getFirst();
        f.clock.advance(java.time.Duration.between(f.clock.instant(), classics.end().toInstant()).minusSeconds(10));
        vm.refresh();
        assertEquals(java.util.Set.of(), vm.ended(), "ten seconds before its end");
        f.clock.advance(java.time.Duration.ofSeconds(20));
        vm.tick();
        assertEquals(java.util.Set.of(classics.id()), vm.ended(), "marked as it ends, the list not asked again");
        f.clock.advance(ActivitiesViewModel.REFRESH_EVERY);
        vm.tick();
        assertEquals(java.util.Set.of(classics.id()), vm.ended(), "and in the list asked again");
        vm.choose(classics);
        assertEquals(ActivitiesViewModel.Step.LIST, vm.stepProperty().get(), "it cannot be chosen");
    }

    /**
     * A resident who missed three queue numbers is blocked by the no-show rule: the sign-up screen says why and whom
     * to ask, not that they may be signed up already.
     */
    @Test
    void aResidentBlockedForNoShowsIsToldWhyTheSignUpIsRefused() {
        for (int i = 0; i < 3; i++) {
            f.central.post("/api/v1/services/legal/tickets", f.central.kioskKey(),
                    java.util.Map.of("priority", false, "phone", "13800138000"));
            f.central.callNext("counter-3");
            f.central.post("/api/v1/counters/counter-3/no-show", f.central.staffToken("counter"), java.util.Map.of());
        }
        vm.refresh();
        vm.showWeek(true);
        vm.choose(vm.activities().stream().filter(a -> !a.full()).findFirst().orElseThrow());
        "13800138000".chars().forEach(c -> vm.phone().press((char) c));
        vm.signUp();
        assertEquals(ActivitiesViewModel.Step.PROBLEM, vm.stepProperty().get());
        assertEquals("refused.noShows", vm.messageProperty().get());
    }

    private void callOff(String activity) {
        f.central.post("/api/v1/activities/" + activity + "/cancel", f.central.staffToken("admin"),
                java.util.Map.of("reason", "the speaker is ill"));
    }

    @Test
    void signsUpWhenThereIsRoomAndWaitlistsWhenFull() {
        f.central.fill("demo-kids-5", 8); // the parent and child crafts in the studio: eight places
        vm.refresh();
        vm.showWeek(true);
        var open = vm.activities().stream().filter(a -> !a.full()).findFirst().orElseThrow();
        vm.choose(open);
        "13800138000".chars().forEach(c -> vm.phone().press((char) c));
        vm.signUp();
        assertEquals(ActivitiesViewModel.Step.DONE, vm.stepProperty().get());
        assertFalse(vm.signupProperty().get().waitlisted());

        var full = vm.activities().stream().filter(a -> a.full()).findFirst().orElseThrow();
        vm.choose(full);
        "13800138001".chars().forEach(c -> vm.phone().press((char) c));
        vm.signUp();
        assertTrue(vm.signupProperty().get().waitlisted());
        assertEquals(1, vm.signupProperty().get().position());
        assertEquals("", vm.phone().digits());
    }

    /**
     * The link fails after a sign-up went out: the resident sees "try again", types the number again, and is shown
     * the sign-up the first try made (the same Idempotency-Key goes with every try until a sign-up is shown); the
     * next sign-up is a new one with a new key.
     */
    @Test
    void aSignUpWhoseAnswerWasLostIsShownOnceWhenTriedAgain() throws Exception {
        try (TcpProxy link = new TcpProxy(f.central.url().getPort())) {
            CentralClient throughLink = new CentralClient(URI.create("http://127.0.0.1:" + link.port()),
                    f.central.kioskKey(), TestCentral.HUB, f.connectivity);
            ActivitiesViewModel lobby = new ActivitiesViewModel(throughLink, f.async, f.clock, TestCentral.ZONE,
                    new org.linli.kiosk.session.ResidentSession());
            lobby.showWeek(true);
            var activity = lobby.activities().stream().filter(a -> !a.full()).findFirst().orElseThrow();
            lobby.choose(activity);
            "13800138002".chars().forEach(c -> lobby.phone().press((char) c));
            link.loseAnswers(true);
            lobby.signUp();
            assertEquals(ActivitiesViewModel.Step.PROBLEM, lobby.stepProperty().get());
            assertEquals(1, f.central.count("SELECT count(*) FROM activity_signup"), "the lost try was done");

            link.loseAnswers(false);
            lobby.back();
            lobby.choose(activity);
            "13800138002".chars().forEach(c -> lobby.phone().press((char) c));
            lobby.signUp();
            assertEquals(ActivitiesViewModel.Step.DONE, lobby.stepProperty().get());
            assertEquals("confirmed", lobby.signupProperty().get().status());
            assertEquals(1, f.central.count("SELECT count(*) FROM activity_signup WHERE idempotency_key IS NOT NULL"),
                    "one sign-up, made by the first try, with its key");

            var other = lobby.activities().stream().filter(a -> !a.full() && !a.id().equals(activity.id()))
                    .findFirst().orElseThrow();
            lobby.choose(other);
            "13800138002".chars().forEach(c -> lobby.phone().press((char) c));
            lobby.signUp();
            assertEquals(2, f.central.count("SELECT count(DISTINCT idempotency_key) FROM activity_signup"),
                    "a new sign-up, a new key");
        }
    }
}
