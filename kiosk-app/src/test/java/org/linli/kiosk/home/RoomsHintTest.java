package org.linli.kiosk.home;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.linli.kiosk.ui.I18n;

/**
 * The line under "预约房间" on the attract screen names the hub's own rooms as the real central service sends them,
 * never the demo's: a hub whose only room is r101 says r101.
 */
class RoomsHintTest {
    @TempDir
    Path dir;
    final AdjustableClock clock = TestCentral.clockAt(TestCentral.morning());
    final I18n i18n = new I18n(I18n.CHINESE);
    TestCentral central;

    @AfterEach
    void stop() {
        if (central != null) {
            central.close();
        }
    }

    private HomeViewModel loaded(String hub, String kioskKey) {
        CentralClient client = new CentralClient(central.url(), kioskKey, hub, new Connectivity(Runnable::run));
        HomeViewModel vm = new HomeViewModel(client, new Async(Runnable::run, Runnable::run), clock,
                central.zone(), new Catalogue());
        vm.refresh();
        return vm;
    }

    @Test
    void aHubWithOneRoomNamesThatRoomAlone() throws Exception {
        Path seed = Files.writeString(dir.resolve("site-seed.yaml"), """
                hubs:
                  - id: one-room
                    level: street
                    parent: xuhui
                    name: {zh: 一间房邻里汇, en: One Room Hub}
                    timezone: Asia/Shanghai
                    opening-hours: {open: "08:00", close: "21:00"}
                    rooms:
                      - {id: r101, name: {zh: 101室, en: Room 101}, capacity: 10}
                """);
        central = TestCentral.start(dir.resolve("central"), clock, Map.of("catalogue.seed", seed.toString()));
        String key = central.post("/api/v1/hubs/one-room/kiosk-keys", central.staffToken("admin"),
                Map.of("label", "lobby")).path("key").asText();
        HomeViewModel vm = loaded("one-room", key);

        assertEquals(List.of(new Names("101室", "Room 101")), vm.roomsProperty().get());
        assertEquals("101室", HomeView.roomsHint(vm.roomsProperty().get(), i18n));
        i18n.toggle();
        assertEquals("Room 101", HomeView.roomsHint(vm.roomsProperty().get(), i18n));
    }

    @Test
    void theDemoHubsSixRoomsAreTheFirstTwoAndMore() {
        central = TestCentral.start(dir.resolve("central"), clock);
        HomeViewModel vm = loaded(TestCentral.HUB, central.kioskKey());

        List<Names> rooms = vm.roomsProperty().get();
        assertEquals(6, rooms.size(), "the demo hub's rooms: " + rooms);
        // the first two in the order central sends them, the other four summed up
        assertEquals(rooms.get(0).zh() + "、" + rooms.get(1).zh() + "等", HomeView.roomsHint(rooms, i18n));
        i18n.toggle();
        assertEquals(rooms.get(0).en() + ", " + rooms.get(1).en() + " and more", HomeView.roomsHint(rooms, i18n));
    }

    @Test
    void twoOrThreeRoomsAreAllNamedAndNoRoomsGetALineThatNamesNone() {
        Names a = new Names("活动室", "Activity room");
        Names b = new Names("教室", null);
        Names c = new Names("屋顶花园", "Roof terrace");
        assertEquals("活动室、教室", HomeView.roomsHint(List.of(a, b), i18n));
        assertEquals("活动室、教室、屋顶花园", HomeView.roomsHint(List.of(a, b, c), i18n));
        assertEquals("选好房间，约个时段", HomeView.roomsHint(List.of(), i18n));
        i18n.toggle();
        // a room without an English name is named in Chinese rather than left out
        assertEquals("Activity room, 教室, Roof terrace", HomeView.roomsHint(List.of(a, b, c), i18n));
        assertEquals("Choose a room and a time", HomeView.roomsHint(List.of(), i18n));
    }
}
