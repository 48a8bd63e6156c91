package org.linli.central.errors;

/**
 * A phone number the service does not know yet, or a resident who agreed to an earlier privacy notice, sent without
 * agreement to the notice shown now: nothing is kept or changed. The kiosk (or the desk) shows the notice and sends
 * the request again with the version the resident agreed to.
 */
public final class ConsentRequired extends Refusal {
    private final String field;
    private final String notice;
    private final boolean noticeChanged;

    /**
     * @param notice the version to agree to
     * @param noticeChanged whether the resident is known and agreed to an earlier notice (or none was recorded)
     */
    public ConsentRequired(String field, String notice, boolean noticeChanged, String detail) {
        super(detail);
        this.field = field;
        this.notice = notice;
        this.noticeChanged = noticeChanged;
    }

    /** The request field that must carry the notice's version. */
    public String field() {
        return field;
    }

    public String notice() {
        return notice;
    }

    public boolean noticeChanged() {
        return noticeChanged;
    }
}
