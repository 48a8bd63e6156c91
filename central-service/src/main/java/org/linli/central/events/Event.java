package org.linli.central.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Something that happened, for live screens (SSE), the doors' retained state on MQTT and the dashboards' figures.
 * One record per SSE event name, each with one shape: its JSON is the event's {@code data} exactly as docs/api.md
 * documents it. Features build them from their own rows; subscribers match on the record type.
 */
public sealed interface Event permits RoomEvent, QueueEvent, CallEvent, DeviceEvent, AlertEvent, FiguresEvent,
        BookingEvent, CheckinEvent, FeedbackEvent, HubEvent, ActivityEvent, CounterEvent, SignupsEvent {

    /** The SSE event name: {@code room}, {@code queue}, {@code call}, … */
    @JsonIgnore
    String eventName();

    /** The hub it happened in; a client of one hub's stream gets only that hub's events. */
    String hub();

    /**
     * What a caller that is no member of staff (a kiosk key, a screen's display key) is sent of it: the event without
     * the ids that act as permissions. A ticket's id opens its page and rates it with no sign-in; a check-in's or a
     * booking's id is what a kiosk rates with ({@code POST /feedback}), so a kiosk that got every id of its hub could
     * rate every visit first. Most events carry none and are their own public form.
     */
    @JsonIgnore
    default Event publicView() {
        return this;
    }
}
