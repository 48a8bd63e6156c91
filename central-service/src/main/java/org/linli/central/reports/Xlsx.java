package org.linli.central.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Tables as an Excel workbook, written with fastexcel (a small streaming writer, ~60 classes, no XML or AWT
 * libraries: ADR 0028): a sheet per table, its header row bold and frozen, numbers as numbers ({@code pct} columns
 * formatted {@code 0.0%}), text as text (never a formula). Rows go out every {@value #FLUSH_ROWS} rows, so a long
 * table is not held twice.
 */
final class Xlsx {
    private static final int FLUSH_ROWS = 500;
    private static final double NAME_WIDTH = 24;
    private static final double FIGURE_WIDTH = 12;

    private Xlsx() {
    }

    /** Writes the tables to {@code out} as one workbook; {@code out} is flushed, not closed. */
    static void write(List<Table> tables, OutputStream out) throws IOException {
        Workbook book = new Workbook(out, "Linli", null);
        List<String> names = sheetNames(tables);
        for (int i = 0; i < tables.size(); i++) {
            Worksheet sheet = book.newWorksheet(names.get(i));
            sheet(sheet, tables.get(i));
            sheet.finish();
        }
        book.finish();
        out.flush();
    }

    private static void sheet(Worksheet sheet, Table table) throws IOException {
        List<Table.Column> columns = table.columns();
        // the header stays in view while the rows scroll; widths by hand: the first column names things, the
        // others hold figures
        sheet.freezePane(0, 1);
        for (int i = 0; i < columns.size(); i++) {
            sheet.width(i, i == 0 ? NAME_WIDTH : FIGURE_WIDTH);
            sheet.value(0, i, xmlOnly(columns.get(i).label()));
            sheet.style(0, i).bold().set();
        }
        int r = 1;
        for (List<Object> values : table.rows()) {
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                if (value instanceof Number n && finite(n)) {
                    sheet.value(r, i, n);
                    if (i < columns.size() && columns.get(i).type().equals("pct")) {
                        sheet.style(r, i).format("0.0%").set();
                    }
                } else if (value != null) {
                    // a number a cell cannot hold (NaN, infinity) is shown as what it is rather than dropped
                    sheet.value(r, i, xmlOnly(value.toString()));
                }
            }
            if (++r % FLUSH_ROWS == 0) {
                sheet.flush();
            }
        }
    }

    private static boolean finite(Number n) {
        return !(n instanceof Double || n instanceof Float) || Double.isFinite(n.doubleValue());
    }

    /**
     * Sheet names as Excel allows them: at most 31 characters, none of {@code []:*?/\}, not empty, not starting or
     * ending with an apostrophe, and unique regardless of case (a second "Rooms" becomes "Rooms (2)").
     */
    static List<String> sheetNames(List<Table> tables) {
        List<String> names = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (Table table : tables) {
            String base = table.title() == null ? "" : table.title().replaceAll("[\\[\\]:*?/\\\\]", " ");
            base = xmlOnly(base).replaceAll("^'+|'+$", "").strip();
            if (base.isEmpty()) {
                base = "Sheet" + (names.size() + 1);
            }
            String name = cut(base, 31);
            for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
                String suffix = " (" + n + ")";
                name = cut(base, 31 - suffix.length()) + suffix;
            }
            names.add(name);
        }
        return names;
    }

    /** At most {@code max} characters, never half of a surrogate pair. */
    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }

    /** What XML 1.0 can carry of {@code s}: control characters and lone surrogates are left out. */
    static String xmlOnly(String s) {
        if (s.codePoints().allMatch(Xlsx::xmlChar)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().filter(Xlsx::xmlChar).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static boolean xmlChar(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
                || c >= 0x10000 && c <= 0x10FFFF;
    }
}
