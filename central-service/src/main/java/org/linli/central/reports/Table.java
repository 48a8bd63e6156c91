package org.linli.central.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * A table as the page shows it and the exports write it: columns with their header in the reader's language and
 * a type that says how to show a value ({@code text}, {@code int}, {@code pct} as a share 0..1, {@code hours},
 * {@code minutes}, {@code rating}, {@code day}).
 */
public record Table(String id, String title, List<Column> columns, List<List<Object>> rows) {

    public record Column(String key, String type, String label) {
    }

    /** The chosen columns, in the order chosen; unknown keys are refused, none chosen keeps them all. */
    public Table select(List<String> keys) {
        if (keys == null || keys.isEmpty()) {
            return this;
        }
        List<Integer> at = new ArrayList<>();
        for (String key : keys) {
            int index = -1;
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).key().equals(key)) {
                    index = i;
                }
            }
            if (index < 0) {
                throw new IllegalArgumentException("table " + id + " has no column '" + key + "'; it has "
                        + columns.stream().map(Column::key).toList());
            }
            at.add(index);
        }
        List<Column> chosen = at.stream().map(columns::get).toList();
        List<List<Object>> cut = new ArrayList<>();
        for (List<Object> row : rows) {
            List<Object> r = new ArrayList<>();
            for (int i : at) {
                r.add(row.get(i));
            }
            cut.add(r);
        }
        return new Table(id, title, chosen, cut);
    }

    /** Builds a table from column keys and types; headers come from the texts of the language. */
    static final class Builder {
        private final String id;
        private final Texts texts;
        private final List<Column> columns = new ArrayList<>();
        private final List<List<Object>> rows = new ArrayList<>();

        Builder(String id, Texts texts) {
            this.id = id;
            this.texts = texts;
        }

        Builder column(String key, String type) {
            return column(key, type, texts.get("col." + key));
        }

        Builder column(String key, String type, String label) {
            columns.add(new Column(key, type, label));
            return this;
        }

        Builder row(Object... values) {
            rows.add(new ArrayList<>(java.util.Arrays.asList(values)));
            return this;
        }

        Table build() {
            return new Table(id, texts.get("table." + id), List.copyOf(columns), rows);
        }
    }
}
