package org.linli.central.errors;

/**
 * A well-formed request that a rule of the hub forbids (opening hours, capacity, a no-show block, …).
 *
 * @see #code() the rule, as clients tell them apart (the problem's {@code type})
 */
public class RuleViolation extends Refusal {
    private final String code;

    public RuleViolation(String code, String detail) {
        super(detail);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
