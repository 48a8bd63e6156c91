package org.linli.central.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The workbooks {@link Xlsx} writes, read back with Apache POI (another implementation than the writer). */
class XlsxTest {
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
            // text that a spreadsheet would run as a formula stays text: an inline string is never a formula
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

    @Test
    void cellReferencesRunPastZ() {
        assertEquals("A1", Xlsx.cell(0, 1));
        assertEquals("Z9", Xlsx.cell(25, 9));
        assertEquals("AA10", Xlsx.cell(26, 10));
        assertEquals("AZ2", Xlsx.cell(51, 2));
        assertEquals("BA2", Xlsx.cell(52, 2));
        assertEquals("XFD1048576", Xlsx.cell(16_383, 1_048_576));
    }

    @Test
    void theSameTablesMakeTheSameBytes() {
        assertArrayEquals(write(List.of(ExportsTest.table())), write(List.of(ExportsTest.table())));
    }
}
