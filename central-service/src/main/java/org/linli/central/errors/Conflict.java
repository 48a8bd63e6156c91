package org.linli.central.errors;

/** The request clashes with the current state (a slot taken meanwhile, an item rated already). */
public class Conflict extends Refusal {
    private final String code;
    private final String title;

    /**
     * @param code what clashed, as clients tell the cases apart (the problem's {@code type})
     * @param title a short summary in plain words
     */
    public Conflict(String code, String title, String detail) {
        super(detail);
        this.code = code;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }
}
