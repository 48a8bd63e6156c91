package org.linli.central.errors;

import java.util.Map;

/** The request clashes with the current state (a slot taken meanwhile, an item rated already). */
public class Conflict extends Refusal {
    private final String code;
    private final String title;
    private final Map<String, Object> members;

    /**
     * @param code what clashed, as clients tell the cases apart (the problem's {@code type})
     * @param title a short summary in plain words
     */
    public Conflict(String code, String title, String detail) {
        this(code, title, detail, Map.of());
    }

    /** @param members what the problem carries besides its detail, for a client to say it in its own words */
    public Conflict(String code, String title, String detail, Map<String, Object> members) {
        super(detail);
        this.code = code;
        this.title = title;
        this.members = Map.copyOf(members);
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> members() {
        return members;
    }
}
