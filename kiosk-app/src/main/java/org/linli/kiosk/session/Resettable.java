package org.linli.kiosk.session;

/** A ViewModel that may hold what a resident entered; reset forgets it (idle reset, going home). */
public interface Resettable {
    void reset();
}
