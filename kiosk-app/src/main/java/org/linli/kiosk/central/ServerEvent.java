package org.linli.kiosk.central;

/** One Server-Sent Event as it came off the wire: its name ({@code message} when none), id (or null) and data. */
public record ServerEvent(String name, String id, String data) {
}
