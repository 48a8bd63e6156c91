package org.linli.central.web;

import java.util.List;

/**
 * A request the service refuses, answered as an RFC 9457 problem detail. Features throw the factory methods'
 * results; {@link Problems} turns every one into the HTTP answer in one place.
 */
public class ProblemException extends RuntimeException {
    /** One problem with one field of the request body or query. */
    public record FieldError(String field, String message) {
    }

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;

    public ProblemException(int status, String type, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "bad-request", "The request is not valid", detail, List.of());
    }

    public static ProblemException invalidFields(List<FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.message())
                .reduce((a, b) -> a + "; " + b).orElse("the request is not valid");
        return new ProblemException(400, "invalid-fields", "Some fields are missing or wrong", detail, errors);
    }

    public static ProblemException invalidField(String field, String message) {
        return invalidFields(List.of(new FieldError(field, message)));
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "unauthorized", "Sign in first", detail, List.of());
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Not allowed for you", detail, List.of());
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what, List.of());
    }

    public static ProblemException conflict(String type, String title, String detail) {
        return new ProblemException(409, type, title, detail, List.of());
    }

    public static ProblemException tooLarge(long limit) {
        return new ProblemException(413, "too-large", "The request is too large",
                "a request body may have at most " + limit + " bytes", List.of());
    }

    public static ProblemException unsupportedMediaType(String detail) {
        return new ProblemException(415, "unsupported-media-type", "Send JSON", detail, List.of());
    }

    /** A well-formed request that a rule of the hub forbids (opening hours, capacity, …). */
    public static ProblemException rule(String type, String detail) {
        return new ProblemException(422, type, "A rule does not allow this", detail, List.of());
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

    public List<FieldError> errors() {
        return errors;
    }
}
