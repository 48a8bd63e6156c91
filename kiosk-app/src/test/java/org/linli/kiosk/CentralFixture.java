package org.linli.kiosk;

import java.nio.file.Path;
import java.time.ZoneId;
import org.linli.kiosk.central.Catalogue;
import org.linli.kiosk.central.CentralClient;
import org.linli.kiosk.central.Connectivity;
import org.linli.kiosk.central.Outbox;
import org.linli.kiosk.central.OutboxSender;
import org.linli.kiosk.session.Async;
import org.linli.kiosk.session.ResidentSession;
import org.linli.protocol.testing.HubTime;

/**
 * The real central service over real HTTP, a real SQLite outbox, and synchronous executors: ViewModels under test
 * behave exactly as on the kiosk, one step at a time. Kiosk and central share one clock, held at a moment of the
 * hub's day ({@link TestCentral#morning()} unless the test names one), in the hub's zone.
 */
public final class CentralFixture implements AutoCloseable {
    public final AdjustableClock clock;
    /** The hub's zone, as the kiosk has it from the central service. */
    public final ZoneId zone;
    public final TestCentral central;
    public final Connectivity connectivity = new Connectivity(Runnable::run);
    public final CentralClient client;
    public final Outbox outbox;
    public final OutboxSender sender;
    public final Async async = new Async(Runnable::run, Runnable::run);
    /** Who is at the kiosk, shared by the ViewModels of one test as by those of one kiosk. */
    public final ResidentSession resident = new ResidentSession();
    public final Catalogue catalogue = new Catalogue();

    public CentralFixture(Path dir) throws Exception {
        this(dir, TestCentral.morning());
    }

    public CentralFixture(Path dir, HubTime time) throws Exception {
        clock = TestCentral.clockAt(time);
        central = TestCentral.start(dir.resolve("central"), clock, time.zone(), java.util.Map.of());
        client = new CentralClient(central.url(), central.kioskKey(), TestCentral.HUB, connectivity);
        zone = ZoneId.of(client.hub().timezone());
        outbox = new Outbox(dir.resolve("outbox.db"), clock);
        sender = new OutboxSender(client, outbox, clock, zone);
    }

    @Override
    public void close() {
        sender.close();
        outbox.close();
        central.close();
    }
}
