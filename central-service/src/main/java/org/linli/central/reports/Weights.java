package org.linli.central.reports;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linli.central.store.Database;

/**
 * The weights of the star-rating inputs, set by district admins and shown on the comparison page. Satisfaction
 * weighs most by default, as the district's rating does.
 */
public final class Weights {
    public static final List<String> CRITERIA = List.of("satisfaction", "waits", "utilisation", "visitsPerHour",
            "noShows", "devices");
    private static final Map<String, Integer> DEFAULTS = Map.of("satisfaction", 40, "waits", 15, "utilisation", 15,
            "visitsPerHour", 15, "noShows", 10, "devices", 5);

    private final Database db;

    public Weights(Database db) {
        this.db = db;
    }

    /** Every criterion's weight, in the order of {@link #CRITERIA}. */
    public Map<String, Integer> current() {
        Map<String, Integer> stored = db.read(c -> {
            Map<String, Integer> out = new LinkedHashMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT criterion, weight FROM report_weight");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
            return out;
        });
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String criterion : CRITERIA) {
            weights.put(criterion, stored.getOrDefault(criterion, DEFAULTS.get(criterion)));
        }
        return weights;
    }

    /**
     * Sets the weights named; the others keep theirs.
     *
     * @throws IllegalArgumentException for an unknown criterion, a weight outside 0..100, or all weights zero
     */
    public Map<String, Integer> set(Map<String, Integer> changes) {
        Map<String, Integer> next = current();
        for (Map.Entry<String, Integer> e : changes.entrySet()) {
            if (!CRITERIA.contains(e.getKey())) {
                throw new IllegalArgumentException("unknown criterion '" + e.getKey() + "'; one of " + CRITERIA);
            }
            if (e.getValue() == null || e.getValue() < 0 || e.getValue() > 100) {
                throw new IllegalArgumentException("the weight of " + e.getKey() + " must be between 0 and 100");
            }
            next.put(e.getKey(), e.getValue());
        }
        if (next.values().stream().mapToInt(Integer::intValue).sum() == 0) {
            throw new IllegalArgumentException("at least one weight must be above 0");
        }
        db.write(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO report_weight (criterion, weight) VALUES (?, ?)
                    ON CONFLICT (criterion) DO UPDATE SET weight = excluded.weight""")) {
                for (Map.Entry<String, Integer> e : next.entrySet()) {
                    st.setString(1, e.getKey());
                    st.setInt(2, e.getValue());
                    st.addBatch();
                }
                st.executeBatch();
            }
            return null;
        });
        return next;
    }
}
