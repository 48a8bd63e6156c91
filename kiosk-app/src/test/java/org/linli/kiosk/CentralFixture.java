package org.linli.kiosk;

import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import org.linli.kiosk.central.Catalogue;
import org.linli.kiosk.central.CentralClient;
import org.linli.kiosk.central.Connectivity;
import org.linli.kiosk.central.Outbox;
import org.linli.kiosk.central.OutboxSender;
import org.linli.kiosk.central.SampleCentral;
import org.linli.kiosk.ui.Async;
import org.linli.kiosk.ui.ResidentSession;

/**
 * A real central stand-in over real HTTP, a real SQLite outbox, and synchronous executors: ViewModels under test
 * behave exactly as on the kiosk, one step at a time.
 */
public final class CentralFixture implements AutoCloseable {
    public static final String KEY = "test-kiosk-key";

    public final AdjustableClock clock = new AdjustableClock(InstantSource.system());
    public final SampleCentral central;
    public final Connectivity connectivity = new Connectivity(Runnable::run);
    public final CentralClient client;
    public final Outbox outbox;
    public final OutboxSender sender;
    public final Async async = new Async(Runnable::run, Runnable::run);
    /** Who is at the kiosk, shared by the ViewModels of one test as by those of one kiosk. */
    public final ResidentSession resident = new ResidentSession();
    public final Catalogue catalogue = new Catalogue();

    public CentralFixture(Path dataDir) throws IOException {
        central = new SampleCentral(KEY, clock, Kiosk.ZONE).start(0);
        client = new CentralClient(central.url(), KEY, SampleCentral.HUB, connectivity);
        outbox = new Outbox(dataDir.resolve("outbox.db"));
        sender = new OutboxSender(client, outbox, clock, Kiosk.ZONE);
    }

    @Override
    public void close() {
        sender.close();
        outbox.close();
        central.close();
    }
}
