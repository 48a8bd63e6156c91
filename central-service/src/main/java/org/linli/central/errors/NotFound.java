package org.linli.central.errors;

/** What the request names does not exist (or is not visible to this caller). */
public class NotFound extends Refusal {
    public NotFound(String detail) {
        super(detail);
    }
}
