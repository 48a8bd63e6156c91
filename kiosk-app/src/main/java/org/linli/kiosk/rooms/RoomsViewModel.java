package org.linli.kiosk.rooms;

import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.linli.kiosk.central.CentralClient;
import org.linli.kiosk.central.CentralRefusedException;
import org.linli.kiosk.central.Model.Booking;
import org.linli.kiosk.central.Model.BookingRequest;
import org.linli.kiosk.central.Model.Hub;
import org.linli.kiosk.central.Model.Room;
import org.linli.kiosk.central.Model.RoomState;
import org.linli.kiosk.central.Model.Slot;
import org.linli.kiosk.print.ReceiptPrinter;
import org.linli.kiosk.rating.RatingViewModel;
import org.linli.kiosk.session.Async;
import org.linli.kiosk.session.Lists;
import org.linli.kiosk.session.PhoneEntry;
import org.linli.kiosk.session.ConsentPrompt;
import org.linli.kiosk.session.Problems;
import org.linli.kiosk.session.ResidentSession;
import org.linli.kiosk.session.Resettable;

/**
 * Book a room: pick a room (with how busy it is now), a day and a time on its timeline, then phone, attendees and
 * purpose; the booking's QR opens the door. Booking needs the central service: offline it says so and keeps nothing.
 */
public final class RoomsViewModel implements Resettable {
    /**
     * {@code PHONE} only on the small panel, where the details take two screens: how many and what for
     * ({@code DETAILS}), then who books ({@code PHONE}); the larger ones ask all of it on one.
     */
    public enum Step { ROOMS, SLOTS, DETAILS, PHONE, WORKING, DONE, PROBLEM }

    /** Purposes offered as large buttons instead of a text field; sent to the central service as these words. */
    public static final List<String> PURPOSES = List.of("meeting", "class", "activity", "other");

    private final CentralClient central;
    private final Async async;
    private final ReceiptPrinter printer;
    private final RatingViewModel rating;
    private final InstantSource clock;
    private final ZoneId zone;
    private final BookableDays days;
    private final Map<String, RoomState> live;
    private final ObservableList<RoomRow> rooms = FXCollections.observableArrayList();
    // one read-only view, kept: a view made per call would be collected and drop its listeners
    private final ObservableList<RoomRow> roomsReadOnly = FXCollections.unmodifiableObservableList(rooms);
    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.ROOMS);
    private final ReadOnlyObjectWrapper<Room> room = new ReadOnlyObjectWrapper<>();
    private final DaySlots timeline;
    private final IntegerProperty attendees = new SimpleIntegerProperty(1);
    private final ReadOnlyStringWrapper purpose = new ReadOnlyStringWrapper("");
    private final PhoneEntry phone = new PhoneEntry();
    private final ResidentSession resident;
    private final ReadOnlyObjectWrapper<Booking> booking = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private String idempotencyKey = UUID.randomUUID().toString();

    /** @param live room states kept current by the central service's events (may stay empty) */
    public RoomsViewModel(CentralClient central, Async async, ReceiptPrinter printer, RatingViewModel rating,
            InstantSource clock, ZoneId zone, Map<String, RoomState> live, ResidentSession resident) {
        this.resident = resident;
        this.central = central;
        this.async = async;
        this.printer = printer;
        this.rating = rating;
        this.clock = clock;
        this.zone = zone;
        this.days = new BookableDays(clock, zone);
        this.live = live;
        this.timeline = new DaySlots(central, async, clock, days, failure -> {
            message.set(Problems.messageKey(failure, "rooms.refused"));
            step.set(Step.PROBLEM);
        });
    }

    public ObservableList<RoomRow> rooms() {
        return roomsReadOnly;
    }

    /** The slots of the day shown on the chosen room's timeline. */
    public ObservableList<Slot> slots() {
        return timeline.slots();
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Room> roomProperty() {
        return room.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LocalDate> dateProperty() {
        return timeline.dateProperty();
    }

    public ReadOnlyIntegerProperty firstSlotProperty() {
        return timeline.firstProperty();
    }

    public ReadOnlyIntegerProperty lastSlotProperty() {
        return timeline.lastProperty();
    }

    public IntegerProperty attendeesProperty() {
        return attendees;
    }

    public ReadOnlyStringProperty purposeProperty() {
        return purpose.getReadOnlyProperty();
    }

    public PhoneEntry phone() {
        return phone;
    }

    /** Known residents are not asked for their number again. */
    public ResidentSession resident() {
        return resident;
    }

    public ReadOnlyObjectProperty<Booking> bookingProperty() {
        return booking.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** A {@code room} event: the room's row follows it at once, whichever step is shown. */
    public void liveRoom(RoomState state) {
        live.put(state.room(), state);
        for (int i = 0; i < rooms.size(); i++) {
            if (rooms.get(i).room().id().equals(state.room())) {
                rooms.set(i, new RoomRow(rooms.get(i).room(), state, rooms.get(i).today()));
            }
        }
    }

    public void refresh() {
        LocalDate day = days.today();
        async.run(() -> {
            Hub loaded = central.hub();
            // a closed day has no slots to show: the tile says the hub is closed today
            boolean opens = loaded.opensOn(day, day);
            return Map.entry(loaded, loaded.rooms().stream().map(r -> new RoomRow(r, live.get(r.id()),
                    opens ? todayOf(r, day) : List.of())).toList());
        }, loaded -> {
            days.hub(loaded.getKey());
            Lists.replace(rooms, loaded.getValue());
        }, failure -> {
            message.set(Problems.messageKey(failure, "rooms.refused"));
            step.set(Step.PROBLEM);
        });
    }

    /** Today's slots of one room, or null: a tile without its day bar is better than no room list. */
    private List<Slot> todayOf(Room r, LocalDate day) {
        try {
            return central.availability(r.id(), day).slots();
        } catch (IOException | CentralRefusedException e) {
            return null;
        }
    }

    /** Whether a slip is printed with the booking: the screen then says to take it. */
    public boolean printerPresent() {
        return printer.present();
    }

    /** The kiosk's clock, for what is past on a tile's day bar. */
    public Instant now() {
        return clock.instant();
    }

    /** The hub's today, for the date line of the timeline and the booking ("today", "tomorrow"). */
    public LocalDate todayInHub() {
        return days.today();
    }

    /**
     * Whether the hub opens on a day (its holidays and closed weekdays do not); true while that is not known, and
     * the central service refuses a booking on a closed day in any case.
     */
    public boolean opensOn(LocalDate day) {
        return days.opensOn(day);
    }

    /** A room chosen: its timeline, from the first day it can be booked ({@link DaySlots#show}). */
    public void choose(Room chosen) {
        room.set(chosen);
        timeline.show(chosen);
        step.set(Step.SLOTS);
        timeline.load();
    }

    /** Another day on the timeline ({@link DaySlots#moveDay}). */
    public void moveDay(int by) {
        timeline.moveDay(by);
    }

    /** Chooses the time on the timeline ({@link DaySlots#tap}). */
    public void tapSlot(int index) {
        timeline.tap(index);
    }

    /** Whether a slot can still be chosen ({@link DaySlots#bookable}). */
    public boolean bookable(int index) {
        return timeline.bookable(index);
    }

    /** Whether a slot has begun, or is over. */
    public boolean begun(int index) {
        return timeline.begun(index);
    }

    public boolean hasTime() {
        return timeline.hasTime();
    }

    public void toDetails() {
        if (hasTime()) {
            step.set(Step.DETAILS);
        }
    }

    /** From how many and what for to who books (the small panel): once the purpose is chosen. */
    public void toPhone() {
        if (step.get() != Step.DETAILS) {
            return;
        }
        if (purpose.get().isEmpty()) {
            message.set("rooms.choosePurpose");
            return;
        }
        message.set("");
        step.set(Step.PHONE);
    }

    public void setPurpose(String which) {
        if (PURPOSES.contains(which)) {
            purpose.set(which);
            if (message.get().equals("rooms.choosePurpose")) {
                message.set("");
            }
        }
    }

    public void changeAttendees(int by) {
        int capacity = room.get() == null ? 99 : Math.max(1, room.get().capacity());
        attendees.set(Math.max(1, Math.min(capacity, attendees.get() + by)));
    }

    public boolean canBook() {
        return hasTime() && (phone.complete() || resident.known()) && !purpose.get().isEmpty();
    }

    public void book() {
        book(null);
    }

    /** @param consentVersion the privacy notice a resident with a new number just agreed to, or null */
    private void book(String consentVersion) {
        if (!canBook() || step.get() == Step.WORKING) {
            message.set(phone.complete() || resident.known() ? "rooms.choosePurpose" : "phone.invalid");
            return;
        }
        message.set("");
        // a number typed here books; otherwise whoever the resident said they were earlier in the visit
        boolean typed = phone.complete();
        String digits = phone.digits();
        Map<String, String> who = typed ? Map.of("phone", digits) : resident.identity("residentToken");
        Room booked = room.get();
        BookingRequest request = new BookingRequest(room.get().id(), timeline.from().start(),
                timeline.to().end(), who.get("phone"), who.get("residentToken"), attendees.get(),
                purpose.get());
        step.set(Step.WORKING);
        async.run(() -> central.book(request, consentVersion, idempotencyKey), made -> {
            if (typed) {
                resident.phone(digits);
            }
            phone.reset(); // the phone number is not needed any more: it leaves the screen at once
            booking.set(made);
            idempotencyKey = UUID.randomUUID().toString();
            rating.remember(new RatingViewModel.Subject("booking", made.id(), booked.name()));
            step.set(Step.DONE);
            if (printer.present()) {
                async.runQuietly("printing booking " + made.id(), () -> {
                    printer.print(BookingSlip.of(made, booked, zone));
                    return null;
                });
            }
        }, failure -> {
            if (ConsentPrompt.needed(failure)) {
                // a new number: the notice first; "back" leaves the details as they were, the number cleared
                step.set(Step.DETAILS);
                resident.consent().ask(failure, () -> book(ConsentPrompt.VERSION), phone::reset);
                return;
            }
            message.set(Problems.messageKey(failure, "rooms.refused"));
            step.set(Step.PROBLEM);
        });
    }

    /** After a problem: a taken slot goes back to the timeline (reloaded), anything else to the room list. */
    public void back() {
        String was = message.get();
        message.set("");
        if (room.get() != null && was.endsWith(".conflict")) {
            step.set(Step.SLOTS);
            timeline.load();
        } else if (step.get() == Step.PHONE) {
            step.set(Step.DETAILS);
        } else if (step.get() == Step.DETAILS) {
            step.set(Step.SLOTS);
        } else {
            step.set(Step.ROOMS);
            if (was.equals(Problems.RETIRED)) {
                refresh(); // the room was retired since the list was loaded
            }
        }
    }

    @Override
    public void reset() {
        step.set(Step.ROOMS);
        room.set(null);
        timeline.reset();
        attendees.set(1);
        purpose.set("");
        phone.reset();
        booking.set(null);
        message.set("");
    }
}
