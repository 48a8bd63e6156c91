package org.linli.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.e2e.TlsCentral.Run;
import org.linli.kiosk.HubZone;
import org.linli.kiosk.KioskConfig;
import org.linli.protocol.testing.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue 14's "done when": a site from an empty data directory with no demo seed, set up through the commands and the
 * pages only. The project's CA and certificates and the door's broker credential (the broker host's scripts), a
 * central over HTTPS with no catalogue, its first administrator ({@code central admin add}); the administrator signs
 * in on the login page and, on the catalogue page in Chromium, makes the hub, its room, a service and a counter; then
 * {@code provision-device door} and {@code provision-device kiosk} with the token of that browser session, and a
 * booking made at the provisioned kiosk (the kiosk program, tapped) opens the door over TLS.
 */
class FromEmptyIT {
    static final String HUB = ProvisionedSite.HUB;
    static final String ROOM = ProvisionedSite.ROOM;
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static ProvisionedSite site;
    static ChromeDriver chrome;

    @BeforeAll
    static void setUpTheSite() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "provision-device installs files as root");
        // an empty data directory, no catalogue seed, no demo
        site = ProvisionedSite.start(dir, null);
        assertEquals("[]", site.api().call("GET", "/api/v1/hubs", null, null).toString(), "no hub yet");
        // the browser trusts the central's own certificate, and no other that a test machine does not know
        chrome = HeadlessChromium.start(dir.resolve("chrome"), 1600, 1400, "zh-CN,zh",
                List.of("--ignore-certificate-errors-spki-list=" + spki(site.broker().tls().resolve("server.crt"))));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (chrome != null) {
            chrome.quit();
        }
        if (site != null) {
            site.close();
        }
    }

    @Test
    void theFirstAdminSetsUpAHubInTheBrowserAndAProvisionedKiosksBookingOpensTheProvisionedDoor() throws Exception {
        String token = signInAndSetUpTheHub();
        JsonNode hub = site.api().call("GET", "/api/v1/hubs/" + HUB, null, null);
        assertEquals(ROOM, hub.get("rooms").get(0).get("id").asText(), hub.toString());
        assertEquals(15, hub.get("rooms").get(0).get("rules").get("slotMinutes").asInt());
        assertEquals("counter-1", hub.get("counters").get(0).get("id").asText(), hub.toString());
        Path tokenFile = Files.writeString(dir.resolve("staff.token"), token + "\n");

        Path door = dir.resolve("door-pi");
        Path fifo = dir.resolve("scanner");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Run provisioned = site.provisionDoor(door, tokenFile, fifo);
        assertEquals(0, provisioned.status(), provisioned.output());
        site.startDoor(site.doorConfig(door), fifo);
        KioskConfig kioskConfig = site.provisionKiosk(tokenFile);
        // trusts only the written CA file, as the kiosk's Main does, and checks the key reaches the hub
        ProvisionedSite.kioskClient(kioskConfig);

        // the page lists the kiosk the command made
        chrome.navigate().refresh();
        await().atMost(WAIT).until(() -> !chrome.findElements(By.cssSelector("#kiosks tr[data-kiosk]")).isEmpty());

        // the kiosk program itself, from the configuration provisioning wrote, over HTTPS: a resident books by taps
        // and shows the booking's QR to the door's reader
        ZoneId zone = HubZone.await(kioskConfig);
        assertEquals(Hubs.ZONE, zone, "the kiosk has the hub's zone from the central service");
        try (KioskScreen kiosk = KioskScreen.show(kioskConfig, Clock.systemUTC(), zone)) {
            String doorToken = kiosk.book(ROOM, Instant.now(), "13800138032");
            site.showAtTheDoor(doorToken);
        }
    }

    /** On the login page and the catalogue page: the hub, open 09:00-15:00 every day, a room, a service, a counter. */
    private static String signInAndSetUpTheHub() {
        chrome.get(site.centralUrl() + "/login?next=/catalogue");
        chrome.findElement(By.id("username")).sendKeys(ProvisionedSite.ADMIN);
        chrome.findElement(By.id("password")).sendKeys(ProvisionedSite.PASSWORD);
        chrome.findElement(By.id("submit")).click();
        await().atMost(WAIT).until(() -> chrome.getCurrentUrl().endsWith("/catalogue")
                && chrome.findElements(By.cssSelector("#week tr")).size() == 7);
        type("hub-id", HUB);
        set("#hub-level", "street");
        type("hub-nameZh", "徐汇区湖南路街道梧桐66邻里汇");
        type("hub-nameEn", "Wutong 66 Neighbourhood Hub");
        type("hub-timezone", Hubs.ZONE.getId());
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
            set("[data-open='" + day + "']", "09:00");
            set("[data-close='" + day + "']", "15:00");
        }
        chrome.findElement(By.id("hub-submit")).click();
        await().atMost(WAIT).until(() -> chrome.findElement(By.id("hub-done")).isDisplayed());

        type("room-id", ROOM);
        type("room-nameZh", "多功能活动室");
        type("room-nameEn", "Activity room");
        type("room-capacity", "30");
        type("room-slotMinutes", "15");
        type("room-minMinutes", "15");
        chrome.findElement(By.id("room-submit")).click();
        await().atMost(WAIT).until(() -> !chrome.findElements(By.cssSelector("tr[data-room='" + ROOM + "']")).isEmpty());
        type("service-id", "affairs");
        type("service-letter", "A");
        type("service-nameZh", "社区事务受理");
        type("service-nameEn", "Community affairs");
        chrome.findElement(By.id("service-submit")).click();
        await().atMost(WAIT).until(() -> !chrome.findElements(By.cssSelector("#counter-services input")).isEmpty());
        type("counter-id", "counter-1");
        type("counter-nameZh", "1号窗口");
        type("counter-nameEn", "Counter 1");
        chrome.executeScript("document.querySelector(\"#counter-services input[value='affairs']\").checked = true;");
        chrome.findElement(By.id("counter-submit")).click();
        await().atMost(WAIT).until(() -> !chrome.findElements(By.cssSelector("tr[data-counter='counter-1']")).isEmpty());
        chrome.executeScript("window.scrollTo(0, 0);");
        HeadlessChromium.screenshot(chrome, Path.of("target/screenshots/catalogue-first-hub.png"));
        return (String) chrome.executeScript("return Linli.token();");
    }

    private static void type(String id, String text) {
        WebElement input = chrome.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private static void set(String css, String value) {
        chrome.executeScript("const e = document.querySelector(arguments[0]); e.value = arguments[1];"
                + " e.dispatchEvent(new Event('change', {bubbles: true}));", css, value);
    }

    /** The base64 SHA-256 of a certificate's public key, as Chromium's SPKI list takes it. */
    static String spki(Path certificate) throws Exception {
        try (InputStream in = Files.newInputStream(certificate)) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(cert.getPublicKey().getEncoded()));
        }
    }
}
