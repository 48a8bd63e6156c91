package org.linli.kiosk.rooms;

import java.time.InstantSource;
import java.time.LocalDate;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.linli.kiosk.central.CentralClient;
import org.linli.kiosk.central.Model.Room;
import org.linli.kiosk.central.Model.Slot;
import org.linli.kiosk.session.Async;
import org.linli.kiosk.session.Lists;

/**
 * A room's timeline on the rooms screen: the day shown, within the days the room is bookable ({@link BookableDays}),
 * that day's slots as the central service offers them, and the time the resident chooses among them, from its
 * first slot to its last.
 */
final class DaySlots {
    private final CentralClient central;
    private final Async async;
    private final InstantSource clock;
    private final BookableDays days;
    private final Consumer<Exception> failed;
    private final ObservableList<Slot> slots = FXCollections.observableArrayList();
    // one read-only view, kept: a view made per call would be collected and drop its listeners
    private final ObservableList<Slot> slotsReadOnly = FXCollections.unmodifiableObservableList(slots);
    private final ReadOnlyObjectWrapper<LocalDate> date = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper first = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyIntegerWrapper last = new ReadOnlyIntegerWrapper(-1);
    private Room room;
    private int loads;

    /** @param failed the slots could not be had: the rooms screen says why */
    DaySlots(CentralClient central, Async async, InstantSource clock, BookableDays days, Consumer<Exception> failed) {
        this.central = central;
        this.async = async;
        this.clock = clock;
        this.days = days;
        this.failed = failed;
        date.set(days.today());
    }

    ObservableList<Slot> slots() {
        return slotsReadOnly;
    }

    ReadOnlyObjectProperty<LocalDate> dateProperty() {
        return date.getReadOnlyProperty();
    }

    ReadOnlyIntegerProperty firstProperty() {
        return first.getReadOnlyProperty();
    }

    ReadOnlyIntegerProperty lastProperty() {
        return last.getReadOnlyProperty();
    }

    /**
     * A room's timeline, on the first day the hub opens that is not over ({@link BookableDays#firstOpen}); its slots
     * come with {@link #load}.
     */
    void show(Room chosen) {
        room = chosen;
        date.set(days.firstOpen(chosen));
    }

    /** Moves the day shown by {@code by} days, within today .. the room's furthest bookable day. */
    void moveDay(int by) {
        LocalDate next = date.get().plusDays(by);
        if (days.inReach(room, next)) {
            date.set(next);
            load();
        }
    }

    /** The day shown again, the choice on it forgotten: after a slot was taken meanwhile, say. */
    void load() {
        first.set(-1);
        last.set(-1);
        slots.clear();
        Room r = room;
        LocalDate day = date.get();
        if (!days.opensOn(day)) {
            ++loads; // an answer still on its way for another day is not shown on this one
            return; // the hub is closed that day: nothing to offer, the timeline says so
        }
        // two quick taps on "next day": only the day shown gets its slots, whichever answer comes back last
        int asked = ++loads;
        async.run(() -> central.availability(r.id(), day).slots(), list -> {
            if (asked == loads) {
                Lists.replace(slots, list);
            }
        }, failed);
    }

    /**
     * Tapping a free slot starts a new choice; tapping a later free slot with only free slots between extends it;
     * anything else starts over from the tapped slot.
     */
    void tap(int index) {
        if (index < 0 || index >= slots.size() || !bookable(index)) {
            return;
        }
        int from = first.get();
        if (from >= 0 && index > from && allFree(from, index) && last.get() == from) {
            last.set(index);
        } else {
            last.set(-1);
            first.set(index);
            last.set(index);
        }
    }

    /**
     * Whether a slot can still be chosen: free, and beginning after now and the room's lead time (a slot beginning
     * this very instant has begun: the central service refuses it as in the past, and one inside the lead time as
     * too soon).
     */
    boolean bookable(int index) {
        Slot slot = slots.get(index);
        long lead = room == null ? 0 : room.rules().leadMinutes();
        return slot.free() && slot.start().toInstant().isAfter(clock.instant().plusSeconds(lead * 60));
    }

    /** Whether a slot has begun, or is over. */
    boolean begun(int index) {
        return !slots.get(index).start().toInstant().isAfter(clock.instant());
    }

    private boolean allFree(int from, int to) {
        for (int i = from; i <= to; i++) {
            if (!slots.get(i).free()) {
                return false;
            }
        }
        return true;
    }

    boolean hasTime() {
        return first.get() >= 0 && last.get() >= first.get();
    }

    /** The first slot chosen; call only when {@link #hasTime()}. */
    Slot from() {
        return slots.get(first.get());
    }

    /** The last slot chosen; call only when {@link #hasTime()}. */
    Slot to() {
        return slots.get(last.get());
    }

    /** No room, back on today. */
    void reset() {
        room = null;
        slots.clear();
        first.set(-1);
        last.set(-1);
        date.set(days.today());
    }
}
