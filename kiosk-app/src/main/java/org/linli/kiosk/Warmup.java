package org.linli.kiosk;

import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.linli.kiosk.central.CentralClient;
import org.linli.protocol.qr.QrCodes;

/**
 * Loads the kiosk's heavy non-screen libraries (Jackson, the HTTP client, SQLite's native library, ZXing) on a
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
            CentralClient.mapper().writeValueAsBytes(java.util.Map.of("warm", java.time.OffsetDateTime.now()));
            HttpClient.newBuilder().build().close();
            try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:")) {
                db.createStatement().execute("SELECT 1");
            }
            QrCodes.matrix("LL1:WARMUP", 1);
        } catch (SQLException | java.io.IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "warm-up skipped: " + e);
        }
    }
}
