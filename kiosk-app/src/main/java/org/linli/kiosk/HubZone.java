package org.linli.kiosk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.linli.kiosk.central.CentralClient;
import org.linli.kiosk.central.CentralRefusedException;
import org.linli.kiosk.central.Connectivity;

/**
 * The hub's time zone, as {@code GET /api/v1/hubs/{hub}} gives it. It is kept in the data directory so a kiosk that
 * starts while the central service is away still shows the right times; Shanghai is the last resort.
 */
public final class HubZone {
    private static final System.Logger LOG = System.getLogger(HubZone.class.getName());
    static final String FILE = "hub-timezone";

    private HubZone() {
    }

    /** Blocking (one HTTP call with a short timeout): call it off the screen thread. */
    public static ZoneId resolve(KioskConfig config) {
        Path cache = config.dataDir().resolve(FILE);
        try {
            String id = new CentralClient(config.centralUrl(), config.kioskKey(), config.hubId(),
                    new Connectivity(Runnable::run)).hub().timezone();
            ZoneId zone = ZoneId.of(id);
            Files.createDirectories(config.dataDir());
            Files.writeString(cache, zone.getId());
            return zone;
        } catch (IOException | CentralRefusedException | DateTimeException | NullPointerException e) {
            LOG.log(System.Logger.Level.INFO, "hub time zone not available from the central service (" + e
                    + "); using the kept one");
        }
        try {
            return ZoneId.of(Files.readString(cache).strip());
        } catch (IOException | DateTimeException e) {
            return Kiosk.zone();
        }
    }
}
