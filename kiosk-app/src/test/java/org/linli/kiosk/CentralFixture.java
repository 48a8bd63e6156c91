package org.linli.kiosk;

import java.io.IOException;
import java.nio.file.Path;
import org.linli.kiosk.central.Catalogue;
import org.linli.kiosk.central.CentralClient;
import org.linli.kiosk.central.Connectivity;
import org.linli.kiosk.central.Outbox;
import org.linli.kiosk.central.OutboxSender;
import org.linli.kiosk.ui.Async;
import org.linli.kiosk.ui.ResidentSession;

/**
 * The real central service over real HTTP, a real SQLite outbox, and synchronous executors: ViewModels under test
 * behave exactly as on the kiosk, one step at a time. Kiosk and central share one clock, set to a morning in the hub.
 */
public final class CentralFixture implements AutoCloseable {
    public final AdjustableClock clock = TestCentral.morningClock();
    public final TestCentral central;
    public final Connectivity connectivity = new Connectivity(Runnable::run);
    public final CentralClient client;
    public final Outbox outbox;
    public final OutboxSender sender;
    public final Async async = new Async(Runnable::run, Runnable::run);
    /** Who is at the kiosk, shared by the ViewModels of one test as by those of one kiosk. */
    public final ResidentSession resident = new ResidentSession();
    public final Catalogue catalogue = new Catalogue();

    public CentralFixture(Path dir) throws IOException {
        central = TestCentral.start(dir.resolve("central"), clock);
        client = new CentralClient(central.url(), central.kioskKey(), TestCentral.HUB, connectivity);
        outbox = new Outbox(dir.resolve("outbox.db"));
        sender = new OutboxSender(client, outbox, clock, TestCentral.ZONE);
    }

    @Override
    public void close() {
        sender.close();
        outbox.close();
        central.close();
    }
}
