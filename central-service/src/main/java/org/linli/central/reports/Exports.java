package org.linli.central.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** The tables of a page as CSV (UTF-8 with a BOM, so Excel shows Chinese) or as an Excel workbook. */
public final class Exports {
    /** Rows an XLSX sheet keeps in memory before writing them to its temporary file. */
    private static final int WINDOW = 200;

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

    /**
     * Tables as sheets of one workbook. SXSSF streams rows to a temporary file beyond a window of {@value #WINDOW},
     * so a year of days does not sit in memory as POI's object model; the temporary files are removed at the end.
     */
    public static void xlsx(List<Table> tables, OutputStream out) {
        SXSSFWorkbook book = new SXSSFWorkbook(WINDOW);
        try {
            CellStyle header = book.createCellStyle();
            Font bold = book.createFont();
            bold.setBold(true);
            header.setFont(bold);
            CellStyle pct = book.createCellStyle();
            pct.setDataFormat(book.createDataFormat().getFormat("0.0%"));
            for (Table table : tables) {
                Sheet sheet = book.createSheet(sheetName(table.title()));
                Row head = sheet.createRow(0);
                for (int i = 0; i < table.columns().size(); i++) {
                    Cell cell = head.createCell(i);
                    cell.setCellValue(table.columns().get(i).label());
                    cell.setCellStyle(header);
                }
                int r = 1;
                for (List<Object> row : table.rows()) {
                    Row line = sheet.createRow(r++);
                    for (int i = 0; i < row.size(); i++) {
                        Object value = row.get(i);
                        if (value == null) {
                            continue;
                        }
                        Cell cell = line.createCell(i);
                        if (value instanceof Number n) {
                            cell.setCellValue(n.doubleValue());
                            if (table.columns().get(i).type().equals("pct")) {
                                cell.setCellStyle(pct);
                            }
                        } else {
                            cell.setCellValue(value.toString());
                        }
                    }
                }
                sheet.createFreezePane(0, 1);
                // widths by hand: auto-sizing measures text with AWT fonts, which a server may not have
                for (int i = 0; i < table.columns().size(); i++) {
                    sheet.setColumnWidth(i, (i == 0 ? 24 : 12) * 256);
                }
            }
            book.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            book.dispose();
            try {
                book.close();
            } catch (IOException e) {
                // the workbook is written or failed already; a close failure changes neither
            }
        }
    }

    /** Excel allows 31 characters and none of []:*?/\ in a sheet's name. */
    private static String sheetName(String title) {
        String name = title.replaceAll("[\\[\\]:*?/\\\\]", " ");
        return name.length() > 31 ? name.substring(0, 31) : name;
    }
}
