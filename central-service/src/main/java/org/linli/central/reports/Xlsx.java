package org.linli.central.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Tables as an Excel workbook (Office Open XML, SpreadsheetML), written as it goes: a sheet per table, its header row
 * bold and frozen, numbers as numbers ({@code pct} columns formatted {@code 0.0%}), text as inline strings. What an
 * export needs and no more, so that the service does not keep Apache POI's ~1,300 classes (with XMLBeans, the OOXML
 * schemas and AWT's fonts) loaded for the rest of its life after the first monthly report (ADR 0028).
 */
final class Xlsx {
    /** Cell styles, in the order of {@code cellXfs} in {@link #STYLES}. */
    private static final int PLAIN = 0;
    private static final int HEADER = 1;
    private static final int PERCENT = 2;

    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";

    private static final String STYLES = DECLARATION + "<styleSheet xmlns=\"" + MAIN + "\">"
            + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"0.0%\"/></numFmts>"
            + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
            + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
            + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
            + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
            + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
            + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
            + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
            + "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
            + "</styleSheet>";

    /** Every entry carries this time (the zip format's first), so that a month's file is the same each time. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private final ZipOutputStream zip;
    private final Writer xml;

    private Xlsx(OutputStream out) {
        this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        this.xml = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
    }

    /** Writes the tables to {@code out} as one workbook; {@code out} is flushed, not closed. */
    static void write(List<Table> tables, OutputStream out) throws IOException {
        Xlsx book = new Xlsx(out);
        List<String> names = sheetNames(tables);
        book.entry("[Content_Types].xml", contentTypes(tables.size()));
        book.entry("_rels/.rels", DECLARATION + "<Relationships xmlns=\"" + PACKAGE_RELS + "\">"
                + "<Relationship Id=\"rId1\" Type=\"" + RELS + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "</Relationships>");
        book.entry("xl/workbook.xml", workbook(names));
        book.entry("xl/_rels/workbook.xml.rels", workbookRels(tables.size()));
        book.entry("xl/styles.xml", STYLES);
        for (int i = 0; i < tables.size(); i++) {
            book.begin("xl/worksheets/sheet" + (i + 1) + ".xml");
            book.sheet(tables.get(i));
            book.end();
        }
        book.zip.finish();
        out.flush();
    }

    private static String contentTypes(int sheets) {
        StringBuilder s = new StringBuilder(DECLARATION).append(
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\""
                + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\""
                + "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
        for (int i = 1; i <= sheets; i++) {
            s.append("<Override PartName=\"/xl/worksheets/sheet").append(i).append(".xml\" ContentType=\""
                    + "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
        }
        return s.append("</Types>").toString();
    }

    private static String workbook(List<String> names) {
        StringBuilder s = new StringBuilder(DECLARATION).append("<workbook xmlns=\"").append(MAIN)
                .append("\" xmlns:r=\"").append(RELS).append("\"><sheets>");
        for (int i = 0; i < names.size(); i++) {
            s.append("<sheet name=\"");
            escape(names.get(i), s);
            s.append("\" sheetId=\"").append(i + 1).append("\" r:id=\"rId").append(i + 1).append("\"/>");
        }
        return s.append("</sheets></workbook>").toString();
    }

    private static String workbookRels(int sheets) {
        StringBuilder s = new StringBuilder(DECLARATION).append("<Relationships xmlns=\"").append(PACKAGE_RELS)
                .append("\">");
        for (int i = 1; i <= sheets; i++) {
            s.append("<Relationship Id=\"rId").append(i).append("\" Type=\"").append(RELS)
                    .append("/worksheet\" Target=\"worksheets/sheet").append(i).append(".xml\"/>");
        }
        s.append("<Relationship Id=\"rId").append(sheets + 1).append("\" Type=\"").append(RELS)
                .append("/styles\" Target=\"styles.xml\"/>");
        return s.append("</Relationships>").toString();
    }

    private void sheet(Table table) throws IOException {
        int columns = table.columns().size();
        xml.write(DECLARATION + "<worksheet xmlns=\"" + MAIN + "\" xmlns:r=\"" + RELS + "\">");
        // the header stays in view while the rows scroll
        xml.write("<sheetViews><sheetView workbookViewId=\"0\">"
                + "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                + "<selection pane=\"bottomLeft\"/></sheetView></sheetViews>");
        xml.write("<sheetFormatPr defaultRowHeight=\"15\"/>");
        if (columns > 0) {
            // widths by hand: the first column names things, the others hold figures
            xml.write("<cols><col min=\"1\" max=\"1\" width=\"24\" customWidth=\"1\"/>");
            if (columns > 1) {
                xml.write("<col min=\"2\" max=\"" + columns + "\" width=\"12\" customWidth=\"1\"/>");
            }
            xml.write("</cols>");
        }
        xml.write("<sheetData>");
        StringBuilder row = new StringBuilder();
        row.append("<row r=\"1\">");
        for (int i = 0; i < columns; i++) {
            text(row, cell(i, 1), HEADER, table.columns().get(i).label());
        }
        xml.append(row.append("</row>"));
        int r = 2;
        for (List<Object> values : table.rows()) {
            row.setLength(0);
            row.append("<row r=\"").append(r).append("\">");
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                if (value == null) {
                    continue;
                }
                String ref = cell(i, r);
                String number = value instanceof Number n ? number(n) : null;
                if (number != null) {
                    boolean pct = i < columns && table.columns().get(i).type().equals("pct");
                    row.append("<c r=\"").append(ref).append('"');
                    if (pct) {
                        row.append(" s=\"").append(PERCENT).append('"');
                    }
                    row.append("><v>").append(number).append("</v></c>");
                } else {
                    text(row, ref, PLAIN, value.toString());
                }
            }
            xml.append(row.append("</row>"));
            r++;
        }
        xml.write("</sheetData></worksheet>");
    }

    private static void text(StringBuilder row, String ref, int style, String value) {
        row.append("<c r=\"").append(ref).append('"');
        if (style != PLAIN) {
            row.append(" s=\"").append(style).append('"');
        }
        row.append(" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
        escape(value, row);
        row.append("</t></is></c>");
    }

    /** A number as SpreadsheetML's {@code <v>} holds it; null when it has none (NaN, infinity): written as text. */
    static String number(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger) {
            return n.toString();
        }
        if (n instanceof BigDecimal d) {
            return d.toPlainString();
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            return null;
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** A cell's reference: column {@code index} from 0 (A, …, Z, AA, …) and row {@code row} from 1. */
    static String cell(int index, int row) {
        StringBuilder letters = new StringBuilder();
        for (int c = index + 1; c > 0; c = (c - 1) / 26) {
            letters.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return letters.append(row).toString();
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

    private static String xmlOnly(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().filter(Xlsx::xmlChar).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** Appends {@code s} as XML text or attribute value; characters XML 1.0 cannot carry are left out. */
    static void escape(String s, StringBuilder out) {
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    // a lone surrogate comes as a code point of its own, which xmlChar refuses
                    if (xmlChar(c)) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
    }

    private static boolean xmlChar(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
                || c >= 0x10000 && c <= 0x10FFFF;
    }

    private void entry(String name, String content) throws IOException {
        begin(name);
        xml.write(content);
        end();
    }

    private void begin(String name) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
    }

    private void end() throws IOException {
        xml.flush();
        zip.closeEntry();
    }
}
