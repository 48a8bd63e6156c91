package org.linli.central.errors;

/**
 * A request refused for a reason the caller can act on. Not a failure of the service: no stack trace is kept, and
 * nothing is logged.
 */
public abstract class Refusal extends RuntimeException {
    protected Refusal(String detail) {
        super(detail, null, false, false);
    }
}
