package org.linli.central.residents;

/** A resident as the service knows one: an id and the last four digits of the phone, nothing more. */
public record Resident(long id, String phoneLast4) {
}
