package org.linli.kiosk.session;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import org.linli.kiosk.central.CentralRefusedException;

/**
 * The privacy notice a resident agrees to the first time their phone number is used here (PIPL; docs/privacy.md,
 * "Consent"). The kiosk does not know who is new: it sends the request, and when the central service answers that
 * the number is new ({@code consent-required}) the notice is shown over the screen. "Agree and continue" sends the
 * same request again with the notice's {@link #VERSION}; "back" closes it and sends nothing. A resident the central
 * service knows is never asked again. Nothing is ticked in advance: only the button agrees.
 */
public final class ConsentPrompt {
    /**
     * The version of the notice's words ({@code consent.*} in messages*.properties): change it with them. The
     * central service records it with the resident.
     */
    public static final String VERSION = "2026-12";
    /** The request field that carries it. */
    public static final String FIELD = org.linli.kiosk.central.CentralClient.CONSENT_FIELD;

    private final ReadOnlyBooleanWrapper asking = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper changed = new ReadOnlyBooleanWrapper(false);
    private Runnable onAgree;
    private Runnable onBack;

    /** Whether a refusal says the number is new and the notice must be agreed to first. */
    public static boolean needed(Exception failure) {
        return failure instanceof CentralRefusedException refused && "consent-required".equals(refused.type());
    }

    public ReadOnlyBooleanProperty askingProperty() {
        return asking.getReadOnlyProperty();
    }

    public boolean asking() {
        return asking.get();
    }

    /** Whether the notice shown is asked again because it changed since the resident last agreed. */
    public boolean changed() {
        return changed.get();
    }

    /**
     * Shows the notice. Its heading says it changed since the resident agreed when the refusal it answers says so
     * (central's {@code noticeChanged}): read from that refusal, not from whichever request was refused last, since
     * the outbox may send a kept request of another resident meanwhile.
     *
     * @param refusal the {@code consent-required} refusal the notice answers ({@link #needed})
     * @param agree sends the request again with {@link #VERSION}
     * @param back returns to where the number was typed, with nothing sent
     */
    public void ask(Exception refusal, Runnable agree, Runnable back) {
        onAgree = agree;
        onBack = back;
        changed.set(refusal instanceof CentralRefusedException refused && refused.noticeChanged());
        asking.set(true);
    }

    /** "同意并继续": the resident agreed. */
    public void agree() {
        Runnable then = onAgree;
        close();
        if (then != null) {
            then.run();
        }
    }

    /** "不同意，返回": nothing is sent. */
    public void back() {
        Runnable then = onBack;
        close();
        if (then != null) {
            then.run();
        }
    }

    /** Closes the notice without either (the visit ended, or the resident went elsewhere). */
    public void close() {
        onAgree = null;
        onBack = null;
        asking.set(false);
    }
}
