package org.linli.protocol.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;

/**
 * A site seed (the central's {@code catalogue.seed}) that moves the demo hub, which the central seeds with
 * {@code --demo}, to another zone and opening hours, the way a site's own catalogue file does. The central's tests
 * and the kiosk's start their real central with it, so a hub's day is never the machine's nor always Shanghai's.
 */
public final class DemoHubSeed {
    public static final String HUB = "wutong66";
    /** The people its fire certificate allows, as in the demo hub (a site seed without it would clear it). */
    public static final int CAPACITY = 200;

    private DemoHubSeed() {
    }

    /**
     * Writes the seed; answers the file.
     *
     * @param opens the hub's opening time every day, e.g. {@code "08:00"} (the demo's)
     * @param closes its closing time; {@code "23:59"} keeps it open up to midnight
     */
    public static Path write(Path file, ZoneId zone, String opens, String closes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, """
                    hubs:
                      - id: %s
                        level: street
                        parent: xuhui
                        name: {zh: 徐汇区湖南路街道梧桐66邻里汇, en: "Wutong 66 Neighbourhood Hub, Hunan Road"}
                        timezone: %s
                        opening-hours: {open: "%s", close: "%s"}
                        capacity: %d
                    """.formatted(HUB, zone.getId(), opens, closes, CAPACITY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
