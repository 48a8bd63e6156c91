package org.linli.kiosk.central;

/**
 * The central service answered with a 4xx problem detail: the request itself cannot succeed as it is.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a>
 */
public final class CentralRefusedException extends Exception {
    private final int status;
    private final String title;
    private final String type;
    private final boolean noticeChanged;

    /** With the problem's type, the last part of its URI ({@code activity-cancelled}), or empty. */
    public CentralRefusedException(int status, String title, String detail, String type) {
        this(status, title, detail, type, false);
    }

    /**
     * @param noticeChanged a {@code consent-required} for a resident the service knows, who agreed to an earlier
     *     privacy notice than the one shown now
     */
    public CentralRefusedException(int status, String title, String detail, String type, boolean noticeChanged) {
        super(status + " " + title + (detail == null ? "" : ": " + detail));
        this.status = status;
        this.title = title;
        this.type = type;
        this.noticeChanged = noticeChanged;
    }

    /** Whether the resident is asked again because the privacy notice changed since they agreed to it. */
    public boolean noticeChanged() {
        return noticeChanged;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Which refusal it is ({@code activity-cancelled}, {@code slot-taken}, …); empty when the answer named none. */
    public String type() {
        return type;
    }

    /** 409: the slot is taken, or the item was rated already. */
    public boolean conflict() {
        return status == 409;
    }
}
