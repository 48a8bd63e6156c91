package org.linli.kiosk.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.kiosk.CentralFixture;
import org.linli.kiosk.Kiosk;

class ActivitiesViewModelTest {
    @TempDir
    Path dir;
    CentralFixture f;
    ActivitiesViewModel vm;

    @BeforeEach
    void start() throws Exception {
        f = new CentralFixture(dir);
        vm = new ActivitiesViewModel(f.client, f.async, f.clock, Kiosk.zone(), f.resident);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void todayShowsFewerThanTheWeek() {
        vm.refresh();
        int today = vm.activities().size();
        vm.showWeek(true);
        assertTrue(vm.activities().size() > today, today + " today vs " + vm.activities().size() + " this week");
    }

    @Test
    void aKnownResidentSignsUpWithoutTypingTheirNumberAgain() {
        f.resident.phone("13900139000");
        vm.refresh();
        vm.choose(vm.activities().stream().filter(a -> !a.full()).findFirst().orElseThrow());
        vm.signUp();
        assertEquals(ActivitiesViewModel.Step.DONE, vm.stepProperty().get());
        assertEquals("13900139000", f.central.posted("/api/v1/activities/").getLast().path("phone").asText());
    }

    @Test
    void signsUpWhenThereIsRoomAndWaitlistsWhenFull() {
        vm.refresh();
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
