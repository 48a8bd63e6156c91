package org.linli.central.events;

/**
 * Something that happened, for live screens: {@code name} is the SSE event name ({@code room}, {@code queue},
 * {@code call}, {@code booking}, {@code checkin}, …) and {@code data} is serialised as JSON.
 */
public record Event(String name, Object data) {
}
