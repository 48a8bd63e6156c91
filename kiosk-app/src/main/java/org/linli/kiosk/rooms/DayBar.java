package org.linli.kiosk.rooms;

import java.time.Instant;
import javafx.scene.Node;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.linli.kiosk.central.Model.Slot;

/** A room's day on its tile in the room list (kiosk.css's {@code .day-bar}). */
final class DayBar {
    private DayBar() {
    }

    /**
     * Today at a glance: one segment per slot, green where it is free, grey where it is booked, hatched where staff
     * closed the room for repairs, pale where it is past, with a mark at the present moment.
     */
    static Node of(RoomRow row, Instant now) {
        HBox bar = new HBox(2);
        bar.getStyleClass().add("day-bar");
        bar.setId("day-bar-" + row.room().id());
        for (Slot slot : row.today()) {
            Region segment = new Region();
            segment.getStyleClass().add(switch (RoomRow.segment(slot, now)) {
                case PAST -> "day-past";
                case FREE -> "day-free";
                case BOOKED -> "day-taken";
                case REPAIRS -> "day-repairs";
            });
            segment.setMaxHeight(Double.MAX_VALUE);
            segment.setMinWidth(4);
            HBox.setHgrow(segment, Priority.ALWAYS);
            segment.setMaxWidth(Double.MAX_VALUE);
            segment.setPrefWidth(10);
            bar.getChildren().add(segment);
            if (!slot.start().toInstant().isAfter(now) && slot.end().toInstant().isAfter(now)) {
                Region mark = new Region();
                mark.getStyleClass().add("day-now");
                mark.setMaxHeight(Double.MAX_VALUE);
                bar.getChildren().add(bar.getChildren().size() - 1, mark);
            }
        }
        return bar;
    }
}
