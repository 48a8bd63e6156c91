package org.linli.central.catalogue;

/** A service residents queue for; its tickets carry its letter (A023). */
public record ServiceItem(String id, String hubId, String letter, Name name, int typicalMinutes) {
}
