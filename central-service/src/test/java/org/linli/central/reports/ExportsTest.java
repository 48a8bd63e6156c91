package org.linli.central.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportsTest {
    static Table table() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(Arrays.asList("教室, 大", 3, 0.25));
        rows.add(Arrays.asList("=HYPERLINK(\"x\")", null, -0.5));
        return new Table("rooms", "功能室", List.of(new Table.Column("room", "text", "功能室"),
                new Table.Column("bookings", "int", "预约"), new Table.Column("change", "pct", "变化")), rows);
    }

    @Test
    void csvIsUtf8WithABomQuotedWhereNeededAndNeverAFormula() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Exports.csv(table(), out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals("\uFEFF功能室,预约,变化\r\n\"教室, 大\",3,0.25\r\n\"'=HYPERLINK(\"\"x\"\")\",,-0.5\r\n", text);
    }

    @Test
    void chosenColumnsComeInTheOrderChosen() {
        Table cut = table().select(List.of("change", "room"));
        assertEquals(List.of("change", "room"), cut.columns().stream().map(Table.Column::key).toList());
        assertEquals(Arrays.asList(0.25, "教室, 大"), cut.rows().get(0));
        assertThrows(IllegalArgumentException.class, () -> table().select(List.of("nope")));
    }
}
