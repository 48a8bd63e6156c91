package org.linli.central.residents;

import java.util.regex.Pattern;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Role;
import org.linli.central.errors.InvalidInput;

/**
 * A resident's agreement to the privacy notice (PIPL art. 13–14), as a request brings it: the version of the notice
 * the resident agreed to ({@code consentVersion}) and how it was given, which central takes from who sent the request:
 * a kiosk's key ({@link #KIOSK}: the resident pressed "agree" on the screen) or staff signed in at a desk
 * ({@link #DESK}: staff confirmed the resident read and agreed to it there). Either must send it for a phone number
 * central does not know yet, and for a resident whose recorded version is older than {@link #NOTICE}
 * (docs/privacy.md, "Consent"; decisions 0023 and 0025).
 *
 * @param version the notice version agreed to, or null when the request carries none
 * @param required whether a new resident needs one (kiosk and desk callers; not a card, already a resident)
 * @param via how it was given, {@link #KIOSK} or {@link #DESK}, or null for a card
 * @param renew whether a resident who agreed to an earlier notice must agree to this one before the request goes on
 *     (not a kiosk's check-in replayed from its outbox: that visit counts, and they are asked at the next one)
 */
public record Consent(String version, boolean required, String via, boolean renew) {
    /** The version of the notice the kiosk shows now; the kiosk keeps the same id with its words. */
    public static final String NOTICE = "2026-12";
    /** What residents made before consent was recorded (V181) count as: the notice lines they were shown. */
    public static final String BEFORE = "before-2026-12";
    /** How consent was given: at a kiosk's screen, or confirmed by staff at a desk (V185). */
    public static final String KIOSK = "kiosk";
    public static final String DESK = "desk";
    /** The request field. */
    public static final String FIELD = "consentVersion";
    /** A notice version is the month it took effect, {@code yyyy-MM}. */
    private static final Pattern VERSION = Pattern.compile("20\\d\\d-(0[1-9]|1[0-2])");

    /** A card path: the resident exists already, nothing to agree to. */
    public static final Consent NOT_NEEDED = new Consent(null, false, null, false);

    /** The consent a caller's request brings: {@code text} is the body's optional {@code consentVersion}. */
    public static Consent of(Caller caller, String text) {
        if (text != null && !VERSION.matcher(text).matches()) {
            throw InvalidInput.field(FIELD, "must be the version of the notice shown, such as " + NOTICE);
        }
        if (text != null && text.compareTo(NOTICE) > 0) {
            throw InvalidInput.field(FIELD, "there is no notice of that version: the notice now is " + NOTICE);
        }
        return new Consent(text, true, caller.role() == Role.KIOSK ? KIOSK : DESK, true);
    }

    /** Whether a recorded version (null: none) is the notice shown now; {@code before-…} and earlier months are not. */
    public static boolean current(String recorded) {
        return recorded != null && VERSION.matcher(recorded).matches() && recorded.compareTo(NOTICE) >= 0;
    }

    /** Whether this request brings agreement to the notice shown now. */
    public boolean agreesNow() {
        return current(version);
    }

    /**
     * The same, for a visit that happened earlier (a kiosk's outbox): a new number still needs a version, a resident
     * who agreed to an earlier notice is counted and asked at their next visit.
     */
    public Consent replayed() {
        return new Consent(version, required, via, false);
    }
}
