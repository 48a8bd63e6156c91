package org.linli.kiosk;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.linli.kiosk.central.Json;
import org.linli.protocol.qr.QrCodes;

/**
 * Loads the kiosk's heavy non-screen libraries (Jackson's parser, the HTTP client, SQLite's native library, ZXing) on a
 * second core while JavaFX starts on the first. Start-up is mostly class loading; done in parallel, the attract
 * screen is up about a second sooner on a Pi. Purely an optimisation: if it has not finished, whoever needs a class
 * first simply loads it.
 */
public final class Warmup {
    private static final System.Logger LOG = System.getLogger(Warmup.class.getName());

    private Warmup() {
    }

    public static Thread start() {
        return Thread.ofPlatform().daemon().name("warmup").start(Warmup::run);
    }

    private static void run() {
        try {
            Json.parse(Json.write(java.util.Map.of("warm", java.time.OffsetDateTime.now())));
            // the HTTP classes, without a connection
            new java.net.URI("http://127.0.0.1/").toURL().openConnection(java.net.Proxy.NO_PROXY);
            try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:")) {
                db.createStatement().execute("SELECT 1");
            }
            QrCodes.matrix("LL1:WARMUP", 1);
        } catch (SQLException | java.io.IOException | java.net.URISyntaxException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "warm-up skipped: " + e);
        }
    }
}
