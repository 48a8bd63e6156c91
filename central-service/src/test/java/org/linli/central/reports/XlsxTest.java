package org.linli.central.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workbooks {@link Xlsx} writes, read back with Apache POI (another implementation than the writer). */
class XlsxTest {
    @TempDir
    Path dir;

    private static byte[] write(List<Table> tables) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Exports.xlsx(tables, out);
        return out.toByteArray();
    }

    private static XSSFWorkbook read(byte[] bytes) throws Exception {
        return new XSSFWorkbook(new ByteArrayInputStream(bytes));
    }

    @Test
    void aSheetPerTableWithABoldFrozenHeaderNumbersAsNumbersAndSharesAsPercentages() throws Exception {
        Table other = new Table("hours", "Hours & <minutes>", List.of(new Table.Column("day", "day", "日期")),
                List.of(List.of("2026-11-30")));
        try (XSSFWorkbook book = read(write(List.of(ExportsTest.table(), other)))) {
            assertEquals(2, book.getNumberOfSheets());
            XSSFSheet rooms = book.getSheetAt(0);
            assertEquals("功能室", rooms.getSheetName());
            assertEquals("Hours & <minutes>", book.getSheetAt(1).getSheetName());

            XSSFCell head = rooms.getRow(0).getCell(1);
            assertEquals("预约", head.getStringCellValue());
            assertTrue(book.getFontAt(head.getCellStyle().getFontIndex()).getBold());
            PaneInformation pane = rooms.getPaneInformation();
            assertTrue(pane.isFreezePane());
            assertEquals(1, pane.getHorizontalSplitPosition());
            assertEquals(0, pane.getVerticalSplitPosition());

            var first = rooms.getRow(1);
            assertEquals("教室, 大", first.getCell(0).getStringCellValue());
            assertFalse(book.getFontAt(first.getCell(0).getCellStyle().getFontIndex()).getBold());
            assertEquals(CellType.NUMERIC, first.getCell(1).getCellType());
            assertEquals(3.0, first.getCell(1).getNumericCellValue());
            assertEquals("General", first.getCell(1).getCellStyle().getDataFormatString());
            assertEquals(0.25, first.getCell(2).getNumericCellValue());
            assertEquals("0.0%", first.getCell(2).getCellStyle().getDataFormatString());

            var second = rooms.getRow(2);
            // text that a spreadsheet would run as a formula stays text: a string cell is never a formula
            assertEquals(CellType.STRING, second.getCell(0).getCellType());
            assertEquals("=HYPERLINK(\"x\")", second.getCell(0).getStringCellValue());
            assertNull(second.getCell(1), "a null is an empty cell");
            assertEquals(-0.5, second.getCell(2).getNumericCellValue());
            assertEquals(3, rooms.getLastRowNum() + 1);

            assertEquals(24 * 256, rooms.getColumnWidth(0));
            assertEquals(12 * 256, rooms.getColumnWidth(2));
        }
    }

    @Test
    void textKeepsItsSpacesAndLosesOnlyWhatXmlCannotCarry() throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(Arrays.asList("  两个空格 ", "a\u0001b\u0000c", "line\nbreak", "𠀋 outside the BMP", "lone \uD800!"));
        Table t = new Table("t", "t", List.of(new Table.Column("a", "text", "a"), new Table.Column("b", "text", "b"),
                new Table.Column("c", "text", "c"), new Table.Column("d", "text", "d"),
                new Table.Column("e", "text", "e")), rows);
        try (XSSFWorkbook book = read(write(List.of(t)))) {
            var row = book.getSheetAt(0).getRow(1);
            assertEquals("  两个空格 ", row.getCell(0).getStringCellValue());
            assertEquals("abc", row.getCell(1).getStringCellValue());
            assertEquals("line\nbreak", row.getCell(2).getStringCellValue());
            assertEquals("𠀋 outside the BMP", row.getCell(3).getStringCellValue());
            assertEquals("lone !", row.getCell(4).getStringCellValue());
        }
    }

    @Test
    void numbersOfEveryKindAndSizeAreWrittenExactly() throws Exception {
        List<Object> values = Arrays.asList(7, 12_345_678_901L, 1e20, 1.5e-7, 0.30769, new BigDecimal("2.50"),
                Double.NaN, Double.POSITIVE_INFINITY);
        List<Table.Column> columns = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            columns.add(new Table.Column("c" + i, "int", "c" + i));
        }
        try (XSSFWorkbook book = read(write(List.of(new Table("n", "n", columns, List.of(values)))))) {
            var row = book.getSheetAt(0).getRow(1);
            double[] read = new double[6];
            for (int i = 0; i < 6; i++) {
                assertEquals(CellType.NUMERIC, row.getCell(i).getCellType(), "column " + i);
                read[i] = row.getCell(i).getNumericCellValue();
            }
            assertArrayEquals(new double[] {7, 12_345_678_901d, 1e20, 1.5e-7, 0.30769, 2.5}, read);
            // a number a cell cannot hold is shown as what it is rather than dropped
            assertEquals("NaN", row.getCell(6).getStringCellValue());
            assertEquals("Infinity", row.getCell(7).getStringCellValue());
        }
    }

    @Test
    void sheetNamesAreWhatExcelAcceptsAndUnique() {
        List<Table> tables = new ArrayList<>();
        for (String title : new String[] {"Rooms", "rooms", "a/b:c*d?e[f]g\\h", "'quoted'", "",
            "一个非常非常长的标题超过了三十一个字符的限制所以必须截断才能用作工作表名称", "Rooms"}) {
            tables.add(new Table("x", title, List.of(), List.of()));
        }
        List<String> names = Xlsx.sheetNames(tables);
        assertEquals(List.of("Rooms", "rooms (2)", "a b c d e f g h", "quoted", "Sheet5",
                "一个非常非常长的标题超过了三十一个字符的限制所以必须截断才能用", "Rooms (3)"), names);
        names.forEach(n -> assertTrue(n.length() <= 31, n));
    }

    /** Columns past Z and rows past the writer's flush every 500 rows all read back where they were written. */
    @Test
    void wideAndLongTablesKeepEveryCell() throws Exception {
        List<Table.Column> columns = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            columns.add(new Table.Column("c" + i, "int", "c" + i));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < 1_203; r++) {
            List<Object> row = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                row.add(r * 100 + i);
            }
            rows.add(row);
        }
        try (XSSFWorkbook book = read(write(List.of(new Table("w", "w", columns, rows))))) {
            XSSFSheet sheet = book.getSheetAt(0);
            assertEquals(1_204, sheet.getLastRowNum() + 1);
            assertEquals("c29", sheet.getRow(0).getCell(29).getStringCellValue());
            assertEquals(120_229.0, sheet.getRow(1_203).getCell(29).getNumericCellValue());
            assertEquals(50_027.0, sheet.getRow(501).getCell(27).getNumericCellValue());
        }
    }

    /**
     * A month's workbook filed again holds the same sheets; only the workbook's creation time (docProps/core.xml,
     * which fastexcel sets to the moment of writing) differs.
     */
    @Test
    void theSameTablesMakeTheSameSheets() throws Exception {
        Map<String, String> first = entries(write(List.of(ExportsTest.table())));
        Map<String, String> second = entries(write(List.of(ExportsTest.table())));
        assertTrue(first.containsKey("xl/worksheets/sheet1.xml"), first.keySet().toString());
        first.remove("docProps/core.xml");
        second.remove("docProps/core.xml");
        assertEquals(first, second);
    }

    /** Read through the zip's central directory, as Excel does (fastexcel's entries carry their sizes there). */
    private Map<String, String> entries(byte[] xlsx) throws Exception {
        Path file = Files.createTempFile(dir, "book", ".xlsx");
        Files.write(file, xlsx);
        Map<String, String> out = new TreeMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                out.put(e.getName(), new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
