package org.linli.kiosk.session;

/** The kiosk's screens; HOME is the attract screen the idle reset returns to. */
public enum Screen {
    HOME, CHECKIN, ROOMS, QUEUE, ACTIVITIES, RATING, CARD, MY_BOOKINGS
}
