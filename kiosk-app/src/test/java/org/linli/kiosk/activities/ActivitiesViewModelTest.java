package org.linli.kiosk.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.kiosk.CentralFixture;

class ActivitiesViewModelTest {
    @TempDir
    Path dir;
    CentralFixture f;
    ActivitiesViewModel vm;

    @BeforeEach
    void start() throws Exception {
        f = new CentralFixture(dir);
        vm = new ActivitiesViewModel(f.client, f.async, f.clock, f.zone, f.resident);
    }

    @AfterEach
    void stop() {
        f.close();
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
}
