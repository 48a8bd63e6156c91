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

    /** With the problem's type, the last part of its URI ({@code activity-cancelled}), or empty. */
    public CentralRefusedException(int status, String title, String detail, String type) {
        super(status + " " + title + (detail == null ? "" : ": " + detail));
        this.status = status;
        this.title = title;
        this.type = type;
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
