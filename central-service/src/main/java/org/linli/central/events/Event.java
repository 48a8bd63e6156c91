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
}
