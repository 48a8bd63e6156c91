package org.linli.central.web;

import java.util.List;
import org.linli.central.errors.InvalidInput;

/**
 * A problem detail as {@link Problems} sends it, and what the web layer itself refuses before a feature runs (a body
 * that is too large, not JSON, of another media type). Features throw their own {@code errors.*} instead.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String type;
    private final String title;
    private final List<InvalidInput.FieldError> errors;
    private final java.util.Map<String, Object> members;

    public ProblemException(int status, String type, String title, String detail,
            List<InvalidInput.FieldError> errors) {
        this(status, type, title, detail, errors, java.util.Map.of());
    }

    /** @param members more members of the problem detail (RFC 9457 extension members) */
    public ProblemException(int status, String type, String title, String detail,
            List<InvalidInput.FieldError> errors, java.util.Map<String, Object> members) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.members = java.util.Map.copyOf(members);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "bad-request", "The request is not valid", detail, List.of());
    }

    public static ProblemException tooLarge(long limit) {
        return new ProblemException(413, "too-large", "The request is too large",
                "a request body may have at most " + limit + " bytes", List.of());
    }

    public static ProblemException unsupportedMediaType(String detail) {
        return new ProblemException(415, "unsupported-media-type", "Send JSON", detail, List.of());
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<InvalidInput.FieldError> errors() {
        return errors;
    }

    public java.util.Map<String, Object> members() {
        return members;
    }
}
