package org.linli.e2e.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of every table of the central database at each sample ({@code rows.csv}), so that the growth of the
 * database can be told apart: history the hub keeps (occupancy samples, door events, visits) grows with use, as it
 * should; anything else growing would be a leak into the database.
 */
final class DatabaseRows {
    private final Path database;
    private final Path csv;

    DatabaseRows(Path database, Path csv) throws IOException {
        this.database = database;
        this.csv = csv;
        Files.writeString(csv, "minute,table,rows\n");
    }

    void sample(double minute) throws IOException {
        StringBuilder lines = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
                    rs.next();
                    lines.append(String.format(Locale.ROOT, "%.2f,%s,%d%n", minute, table, rs.getLong(1)));
                }
            }
        } catch (SQLException e) {
            lines.append(String.format(Locale.ROOT, "%.2f,unreadable,-1%n", minute));
        }
        Files.writeString(csv, lines, StandardOpenOption.APPEND);
    }

    /** The tables that grew after the warm-up, in rows per hour. */
    String growth(double warmupMinutes) throws IOException {
        Map<String, double[]> span = new LinkedHashMap<>(); // table -> first minute, first rows, last minute, last rows
        for (String line : Files.readAllLines(csv)) {
            String[] cells = line.split(",");
            if (cells[0].equals("minute") || Double.parseDouble(cells[0]) < warmupMinutes || cells[2].equals("-1")) {
                continue;
            }
            double minute = Double.parseDouble(cells[0]);
            double rows = Double.parseDouble(cells[2]);
            span.computeIfAbsent(cells[1], t -> new double[] {minute, rows, minute, rows});
            span.get(cells[1])[2] = minute;
            span.get(cells[1])[3] = rows;
        }
        StringBuilder out = new StringBuilder("Central database, rows added per hour after the warm-up:");
        span.forEach((table, s) -> {
            if (s[3] != s[1] && s[2] > s[0]) {
                out.append(String.format(Locale.ROOT, " %s %+.0f (%.0f at the end);", table,
                        (s[3] - s[1]) / ((s[2] - s[0]) / 60), s[3]));
            }
        });
        return out.append('\n').toString();
    }
}
