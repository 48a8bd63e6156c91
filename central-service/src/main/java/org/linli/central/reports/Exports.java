package org.linli.central.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The tables of a page as CSV (UTF-8 with a BOM, so Excel shows Chinese) or as an Excel workbook. */
public final class Exports {
    private Exports() {
    }

    /** One table as CSV, RFC 4180: quoted where needed, CRLF line ends. Shares are written as shares (0.25). */
    public static void csv(Table table, OutputStream out) {
        StringBuilder text = new StringBuilder("\uFEFF");
        line(text, table.columns().stream().map(Table.Column::label).map(Object.class::cast).toList());
        for (List<Object> row : table.rows()) {
            line(text, row);
        }
        try {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void line(StringBuilder text, List<Object> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            Object value = values.get(i);
            String cell = value == null ? "" : value.toString();
            // a cell that a spreadsheet would run as a formula is written as text (CSV injection)
            if (!cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 && !(value instanceof Number)) {
                cell = "'" + cell;
            }
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                    || cell.indexOf('\r') >= 0) {
                cell = '"' + cell.replace("\"", "\"\"") + '"';
            }
            text.append(cell);
        }
        text.append("\r\n");
    }

    /** Tables as sheets of one workbook ({@link Xlsx}), written as they go; {@code out} is not closed. */
    public static void xlsx(List<Table> tables, OutputStream out) {
        try {
            Xlsx.write(tables, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
