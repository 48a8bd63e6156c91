package org.linli.e2e.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

/**
 * What bookings leave behind over hours: the rows of {@code booking} in the central database (all, and the cancelled
 * ones), read as {@link DatabaseRows} reads them; and the revocation lists each door holds, the bytes central
 * published to it retained on {@code access/revoked/{room}} as the agent keeps them ({@code access-revoked-*.json} in
 * its data directory, docs/decisions/0006-revocation-by-room-and-window.md).
 */
final class BookingRows {
    private final Path database;

    BookingRows(Path database) {
        this.database = database;
    }

    /** Rows of {@code booking}: all, and the cancelled ones; -1, -1 while the database cannot be read. */
    long[] bookings() {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT count(*), count(*) FILTER (WHERE status = 'cancelled') FROM booking")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        } catch (SQLException e) {
            return new long[] {-1, -1};
        }
    }

    /** The bytes of the revocation lists a door agent keeps in {@code dataDir}; -1 for a program that is none. */
    static long revocationBytes(Path dataDir) {
        if (!Files.isDirectory(dataDir)) {
            return -1;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("access-revoked")
                    && f.getFileName().toString().endsWith(".json")).mapToLong(f -> {
                        try {
                            return Files.size(f);
                        } catch (IOException e) {
                            return 0; // replaced while we looked: the next sample has it
                        }
                    }).sum();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }
}
