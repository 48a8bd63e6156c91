package org.linli.central.errors;

/** The caller is known but may not do this (another hub's data, a role without the right). */
public class Forbidden extends Refusal {
    public Forbidden(String detail) {
        super(detail);
    }
}
