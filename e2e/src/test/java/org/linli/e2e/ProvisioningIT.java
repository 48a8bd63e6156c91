package org.linli.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.linli.e2e.ProvisionedSite.DEVICE;
import static org.linli.e2e.ProvisionedSite.HUB;
import static org.linli.e2e.ProvisionedSite.ROOM;
import static org.linli.e2e.TlsCentral.provision;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.agent.config.AgentConfig;
import org.linli.e2e.TlsCentral.Run;
import org.linli.kiosk.KioskConfig;
import org.linli.kiosk.central.CentralClient;

/**
 * A site set up the way deploy-pi/README.md says, through its commands only ({@link ProvisionedSite}): the central
 * with the site's own catalogue, then {@code provision-device door} and {@code provision-device kiosk} over the
 * templates {@code install.sh} left. What they
 * write is used as written: the door joins the TLS broker, and a booking made with the kiosk's provisioned key opens
 * it.
 */
class ProvisioningIT {
    static final Path HOME = EndToEndIT.HOME;

    @TempDir
    static Path dir;
    static ProvisionedSite site;
    static Path token;

    @BeforeAll
    static void setUpTheSite() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "provision-device installs files as root");
        site = ProvisionedSite.start(dir, Files.writeString(dir.resolve("hub.yaml"), Hubs.openNowDemoHub(HOME)));
        JsonNode session = site.api().call("POST", "/api/v1/auth/login", null,
                Map.of("username", ProvisionedSite.ADMIN, "password", ProvisionedSite.PASSWORD));
        token = Files.writeString(dir.resolve("staff.token"), session.get("token").asText() + "\n");
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void aProvisionedDoorAndKioskWorkOverTlsAndTheKiosksBookingOpensTheDoor() throws Exception {
        Path door = dir.resolve("door-pi");
        Path fifo = dir.resolve("scanner");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Run provisioned = site.provisionDoor(door, token, fifo);
        assertEquals(0, provisioned.status(), provisioned.output());

        AgentConfig config = site.doorConfig(door);
        assertEquals(List.of(ROOM), config.rooms());
        assertEquals(door.resolve("etc/tls/ca.crt"), config.mqtt().caFile());
        assertEquals(Hubs.ZONE, config.occupancy().zone());
        assertEquals(1, config.sensors().size());
        AgentConfig.Lock lock = config.locks().getFirst();
        assertTrue(lock.activeHigh() && lock.failSecure() && lock.doorContactPin() != null, lock.toString());
        assertEquals(new AgentConfig.LockSense(25, false, Duration.ofSeconds(1)), lock.lockSense());
        site.startDoor(config, fifo);
        await("the central sees the door online").atMost(Duration.ofSeconds(30)).until(() ->
                site.api().call("GET", "/api/v1/hubs/" + HUB + "/live", Files.readString(token).strip(), null)
                        .get("devices").toString().matches("(?s).*\"" + DEVICE + "\"[^}]*\"online\":true.*"));

        KioskConfig kioskConfig = site.provisionKiosk(token);
        assertEquals(HUB, kioskConfig.hubId());
        // provisioned once, over install.sh's template; a second time would issue a second key, and is refused
        Path kioskYaml = dir.resolve("kiosk-pi/etc/kiosk.yaml");
        String written = Files.readString(kioskYaml);
        Run again = site.provisionKiosk(dir.resolve("kiosk-pi"), token);
        assertEquals(1, again.status(), again.output());
        assertTrue(again.output().contains("this kiosk has a key"), again.output());
        assertEquals(written, Files.readString(kioskYaml));
        assertEquals("https", kioskConfig.centralUrl().getScheme());
        CentralClient client = ProvisionedSite.kioskClient(kioskConfig);
        site.bookAtTheKioskAndOpenTheDoor(client, "13800138031", "provisioning test");

        // the dashboard's "unlock now", as its page sends it: signed by the central with the hub's key, through the
        // TLS broker's ACL, believed by the door's agent and answered; once the door has locked again after the
        // booking's opening (an unlock while it is open keeps it open longer, without a second pulse)
        await("the door locks again").atMost(Duration.ofSeconds(20)).until(site::relayLocked);
        String staff = Files.readString(token).strip();
        JsonNode sent = site.api().call("POST", "/api/v1/devices/" + DEVICE + "/commands", staff,
                Map.of("cmd", "unlock", "room", ROOM, "reason", "a resident's child is locked in"));
        assertEquals("sent", sent.get("state").asText(), sent.toString());
        await("the door opens for the operator's unlock").atMost(Duration.ofSeconds(20))
                .until(() -> site.unlocks() == 2);
        String path = "/api/v1/devices/" + DEVICE + "/commands/" + sent.get("id").asText();
        JsonNode answered = await("the door's answer").atMost(Duration.ofSeconds(20))
                .until(() -> site.api().call("GET", path, staff, null), c -> !"sent".equals(c.get("state").asText()));
        assertEquals("done", answered.get("state").asText(), answered.toString());

        // the strike gives way while the relay locks it (forced, or failed), as its sense output says: the door
        // reports it over TLS and the dashboard shows the alert until the strike holds again
        await("the door locks again after the operator's unlock").atMost(Duration.ofSeconds(20))
                .until(site::relayLocked);
        site.lockGivesWay(true);
        JsonNode fault = await("the lock fault on the dashboard").atMost(Duration.ofSeconds(30))
                .until(() -> alert(staff, "lock_fault"), a -> a != null && "open".equals(a.get("state").asText()));
        assertTrue(fault.get("message").get("en").asText().contains("did not lock when told to"), fault.toString());
        site.lockGivesWay(false);
        await("the lock fault resolved when the strike holds again").atMost(Duration.ofSeconds(30))
                .until(() -> alert(staff, "lock_fault"), a -> a != null && "resolved".equals(a.get("state").asText()));
    }

    /** The hub's newest alert of a kind on the dashboard's live snapshot, or null. */
    private JsonNode alert(String staff, String kind) throws Exception {
        for (JsonNode alert : site.api().call("GET", "/api/v1/hubs/" + HUB + "/live", staff, null).get("alerts")) {
            if (alert.get("kind").asText().equals(kind)) {
                return alert;
            }
        }
        return null;
    }

    @Test
    void provisioningRefusesPlainHttpAndAnUnknownRoom() throws Exception {
        Run plain = provision(dir, dir.resolve("plain-pi"), List.of("kiosk", "--central", "http://central.example:8080",
                "--token-file", token.toString(), "--hub", HUB, "--label", "Lobby"));
        assertEquals(1, plain.status(), plain.output());
        assertTrue(plain.output().contains("https://"), plain.output());
        Run room = provision(dir, dir.resolve("room-pi"), List.of("door", "--central", site.centralUrl(),
                "--ca-file", site.caFile().toString(), "--token-file", token.toString(),
                "--device", "nowhere-door", "--hub", HUB, "--room", "no-such-room", "--mqtt-url",
                site.broker().tlsUrl(), "--mqtt-password-file", dir.resolve("door.pass").toString(), "--sensor",
                "pir:no-such-room"));
        assertEquals(1, room.status(), room.output());
        assertTrue(room.output().contains("no room 'no-such-room'"), room.output());
        assertTrue(!Files.exists(dir.resolve("room-pi/etc/agent.yaml")));
    }
}
