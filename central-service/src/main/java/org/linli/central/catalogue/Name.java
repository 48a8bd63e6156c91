package org.linli.central.catalogue;

/** A name shown to people, in both languages of the hub. */
public record Name(String zh, String en) {
}
