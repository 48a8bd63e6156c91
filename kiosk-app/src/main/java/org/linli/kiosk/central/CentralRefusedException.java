package org.linli.kiosk.central;

/**
 * The central service answered with a 4xx problem detail: the request itself cannot succeed as it is.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a>
 */
public final class CentralRefusedException extends Exception {
    private final int status;
    private final String title;

    public CentralRefusedException(int status, String title, String detail) {
        super(status + " " + title + (detail == null ? "" : ": " + detail));
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** 409: the slot is taken, or the item was rated already. */
    public boolean conflict() {
        return status == 409;
    }
}
