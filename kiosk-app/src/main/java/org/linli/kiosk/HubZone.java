package org.linli.kiosk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import org.linli.kiosk.central.CentralClient;
import org.linli.kiosk.central.CentralRefusedException;
import org.linli.kiosk.central.Connectivity;

/**
 * The hub's time zone, as {@code GET /api/v1/hubs/{hub}} gives it. It is kept in the data directory so a kiosk that
 * starts while the central service is away still shows the right times. There is no default: a zone guessed for a
 * hub elsewhere would show that hub another day's slots and book them. A kiosk that has never heard from its central
 * service waits for it (the screen stays dark and the journal says why); it could serve nobody before that anyway,
 * having no rooms, services or activities to show.
 */
public final class HubZone {
    private static final System.Logger LOG = System.getLogger(HubZone.class.getName());
    static final String FILE = "hub-timezone";
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(1);

    private HubZone() {
    }

    /**
     * The hub's zone from the central service (kept for later starts), else the kept one; empty when neither is
     * known. Blocking (one HTTP call with a short timeout): call it off the screen thread.
     */
    public static Optional<ZoneId> known(KioskConfig config) {
        Path kept = config.dataDir().resolve(FILE);
        try {
            String id = new CentralClient(config.centralUrl(), config.kioskKey(), config.hubId(),
                    new Connectivity(Runnable::run)).hub().timezone();
            ZoneId zone = ZoneId.of(id);
            Files.createDirectories(config.dataDir());
            Files.writeString(kept, zone.getId());
            return Optional.of(zone);
        } catch (IOException | CentralRefusedException | DateTimeException | NullPointerException e) {
            LOG.log(System.Logger.Level.INFO, "hub time zone not available from the central service (" + e
                    + "); using the kept one");
        }
        try {
            return Optional.of(ZoneId.of(Files.readString(kept).strip()));
        } catch (IOException | DateTimeException e) {
            return Optional.empty();
        }
    }

    /** {@link #known}, asked again until there is an answer: what a kiosk starts with. Blocking. */
    public static ZoneId await(KioskConfig config) throws InterruptedException {
        return await(config, Duration.ofSeconds(1), () -> LOG.log(System.Logger.Level.WARNING, "the hub's time zone"
                + " is not known yet (first start, and the central service at " + config.centralUrl()
                + " does not answer): the kiosk waits for it"));
    }

    /** @param stillWaiting told after each miss, before the pause; the pause doubles up to a minute */
    static ZoneId await(KioskConfig config, Duration firstPause, Runnable stillWaiting) throws InterruptedException {
        Duration pause = firstPause;
        while (true) {
            Optional<ZoneId> zone = known(config);
            if (zone.isPresent()) {
                return zone.get();
            }
            stillWaiting.run();
            // a retry pause, not a wait for an event: there is nothing to be told by
            Thread.sleep(pause);
            pause = pause.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : pause.multipliedBy(2);
        }
    }
}
