package org.linli.central.events;

/**
 * {@code checkin}: a visit recorded at a kiosk or desk. Fields that do not apply are left out of the JSON.
 *
 * @param id null in the {@link #publicView}, as {@code bookingId}
 * @param kind how the resident was known: {@code booking} (its token), {@code resident} (a card) or {@code phone}
 * @param bookingId and {@code room}: when a booking's token checked in
 * @param service or {@code activity}: what the visit is for, when given
 */
public record CheckinEvent(Long id, String hub, String kind, Long bookingId, String room, String service,
        String activity) implements Event {

    @Override
    public String eventName() {
        return "checkin";
    }

    @Override
    public CheckinEvent publicView() {
        return new CheckinEvent(null, hub, kind, null, room, service, activity);
    }
}
