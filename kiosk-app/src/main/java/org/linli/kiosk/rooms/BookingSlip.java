package org.linli.kiosk.rooms;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.linli.kiosk.central.Model.Booking;
import org.linli.kiosk.central.Model.Room;
import org.linli.kiosk.print.ReceiptPrinter;

/** What a booking shows beside its code and prints on its slip: its number in groups, its day and time. */
final class BookingSlip {
    private static final DateTimeFormatter DAY_ZH = DateTimeFormatter.ofPattern("M月d日 EEEE", Locale.CHINESE);
    private static final DateTimeFormatter DAY_EN = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private BookingSlip() {
    }

    /**
     * A booking's number in groups of four, as a phone number is shown in groups: it is random and up to 16 digits
     * (issue 13), and "9656 6149 4870 393" can be read out where "965661494870393" cannot. "0001" rather than a bare
     * "1", which looked like a test. Only the slip prints it, last and for staff (the door's log names bookings by
     * it): the resident's screen says how to cancel instead, the one thing they might need besides the code.
     */
    static String number(String id) {
        if (!id.matches("\\d+")) {
            return id;
        }
        String digits = id.length() < 4 ? String.format(Locale.ROOT, "%04d", Long.parseLong(id)) : id;
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 4) {
            grouped.append(i == 0 ? "" : " ").append(digits, i, Math.min(i + 4, digits.length()));
        }
        return grouped.toString();
    }

    /** The day as the screen gives it ("12月6日 星期日 09:00–10:00", not "2026-12-06"), and the number in groups. */
    static ReceiptPrinter.Slip of(Booking made, Room room, ZoneId zone) {
        var start = made.start().atZoneSameInstant(zone);
        String time = TIME.format(start) + "–" + TIME.format(made.end().atZoneSameInstant(zone));
        return new ReceiptPrinter.Slip("房间预约 " + room.name().zh(), "Room booking · " + room.name().en(), null,
                List.of(DAY_ZH.format(start) + " " + time, DAY_EN.format(start),
                        "扫码开门 · Scan this code at the door",
                        "不能来了？在“我的预约”里取消，或告诉服务台 · Can't come? Cancel under My bookings, or tell the desk",
                        "预约号（工作人员用）· Booking no. (staff) " + number(made.id())),
                made.token());
    }
}
