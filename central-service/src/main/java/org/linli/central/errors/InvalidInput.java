package org.linli.central.errors;

import java.util.List;

/** Fields of the request body or query that are missing or wrong, each with what is wrong with it. */
public class InvalidInput extends Refusal {
    /** One problem with one field. */
    public record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;

    public InvalidInput(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message())
                .reduce((a, b) -> a + "; " + b).orElse("the request is not valid"));
        this.errors = List.copyOf(errors);
    }

    /** One wrong field. */
    public static InvalidInput field(String field, String message) {
        return new InvalidInput(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
