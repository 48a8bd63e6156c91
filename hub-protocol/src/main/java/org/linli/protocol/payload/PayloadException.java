package org.linli.protocol.payload;

/** A payload that cannot be accepted: malformed JSON, a missing or mistyped field, an absurd value, too large. */
public final class PayloadException extends Exception {
    /** What kind of problem, for counting drops by cause. */
    public enum Kind { TOO_LARGE, MALFORMED_JSON, MISSING_FIELD, WRONG_TYPE, BAD_VALUE, UNKNOWN_TYPE }

    private final Kind kind;

    public PayloadException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
