package org.linli.central.errors;

/**
 * A phone number the service does not know yet, sent without the resident's agreement to the privacy notice: no
 * resident is made. The kiosk shows the notice and sends the request again with the version the resident agreed to.
 */
public final class ConsentRequired extends Refusal {
    private final String field;

    public ConsentRequired(String field, String detail) {
        super(detail);
        this.field = field;
    }

    /** The request field that must carry the notice's version. */
    public String field() {
        return field;
    }
}
