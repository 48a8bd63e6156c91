package org.linli.central.residents;

import java.util.regex.Pattern;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Role;
import org.linli.central.errors.InvalidInput;

/**
 * A resident's agreement to the privacy notice (PIPL art. 13–14), as a request brings it: the version of the notice
 * the kiosk showed ({@code consentVersion}), and whether a new resident may be made without one. A kiosk must send
 * it for a phone number central does not know yet (docs/privacy.md, "Consent"); staff at the desk explain the
 * notice in person, and the resident they register has no version recorded.
 *
 * @param version the notice version agreed to, or null when the request carries none
 * @param required whether a new resident needs one (kiosk callers)
 */
public record Consent(String version, boolean required) {
    /** The version of the notice the kiosk shows now; the kiosk keeps the same id with its words. */
    public static final String NOTICE = "2026-12";
    /** What residents made before consent was recorded (V181) count as: the notice lines they were shown. */
    public static final String BEFORE = "before-2026-12";
    /** The request field. */
    public static final String FIELD = "consentVersion";
    /** A notice version is the month it took effect, {@code yyyy-MM}. */
    private static final Pattern VERSION = Pattern.compile("20\\d\\d-(0[1-9]|1[0-2])");

    /** A card path: the resident exists already, nothing to agree to. */
    public static final Consent NOT_NEEDED = new Consent(null, false);

    /** The consent a caller's request brings: {@code text} is the body's optional {@code consentVersion}. */
    public static Consent of(Caller caller, String text) {
        if (text != null && !VERSION.matcher(text).matches()) {
            throw InvalidInput.field(FIELD, "must be the version of the notice shown, such as " + NOTICE);
        }
        return new Consent(text, caller.role() == Role.KIOSK);
    }
}
