package org.linli.central;

import static org.linli.central.AccessIT.ADMINS;
import static org.linli.central.AccessIT.ANYONE;
import static org.linli.central.AccessIT.DESK;
import static org.linli.central.AccessIT.KIOSK_OR_STAFF;
import static org.linli.central.AccessIT.OPERATORS;
import static org.linli.central.AccessIT.STAFF;
import static org.linli.central.AccessIT.counterWork;
import static org.linli.central.AccessIT.row;
import static org.linli.central.AccessIT.screen;
import static org.linli.central.AccessIT.streetsUp;

import java.util.EnumSet;
import java.util.List;
import org.linli.central.AccessFixture.Who;
import org.linli.central.AccessIT.Route;
import org.linli.central.AccessIT.Scope;

/**
 * {@link AccessIT}'s table: one row per route, with who may call it and how far its hub reaches. {placeholders} are
 * objects of the hub the call is about ({@link AccessFixture#fill}); {new-…} ones are made for that call alone.
 */
final class AccessRoutes {
    /** Every day 08:00–21:00, as a hub's week is written. */
    private static final String WEEK = java.util.stream.Stream.of("monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday").map(day -> "\"" + day + "\":{\"open\":\"08:00\",\"close\":\"21:00\"}")
            .collect(java.util.stream.Collectors.joining(",", "{", "}"));

    private AccessRoutes() {
    }

    static List<Route> all(Scope none, Scope reaches) {
        Scope own = Scope.OWN_HUB;
        String booking = "{\"room\":\"{room}\",\"start\":\"{start}\",\"end\":\"{end}\",\"phone\":\"{phone}\","
                + "\"attendees\":1}";
        return List.of(
                // the hub's public face; a display key reads its own hub's only
                row("GET", "/api/v1/hubs", null, ANYONE, none, 403),
                screen("GET", "/api/v1/hubs/{hub}", ANYONE, none, 403),
                screen("GET", "/api/v1/hubs/{hub}/queues", ANYONE, none, 403),
                screen("GET", "/api/v1/hubs/{hub}/activities", ANYONE, none, 403),
                row("GET", "/api/v1/hubs/{hub}/keys", null, ANYONE, none, 403),
                row("GET", "/api/v1/tickets/{ticket}", null, ANYONE, none, 403),
                row("POST", "/api/v1/tickets/{ticket}/rating", "{\"rating\":5}", ANYONE, none, 403),
                // a calendar feed's unguessable address is its key (a calendar app sends no other)
                row("GET", "/api/v1/calendars/{feed}/{feed-file}", null, ANYONE, none, 403),
                row("POST", "/api/v1/auth/login", null, ANYONE, none, 403),
                row("POST", "/api/v1/auth/logout", null, ANYONE, none, 403),
                row("POST", "/api/v1/auth/password", null, STAFF, none, 403),

                // the catalogue: the admins of the hub or above it
                // a new hub below the caller's (one level down, or a 422 where the levels do not fit: past the check)
                row("PUT", "/api/v1/hubs/{new}", "{\"level\":\"residential\",\"parent\":\"{hub}\",\"nameZh\":\"新汇\","
                        + "\"nameEn\":\"New hub\",\"timezone\":\"Asia/Shanghai\",\"closures\":[],\"week\":"
                        + WEEK + "}", ADMINS, reaches, 403),
                row("PUT", "/api/v1/rooms/{new}", "{\"hub\":\"{hub}\",\"nameZh\":\"室\",\"nameEn\":\"Room\","
                        + "\"capacity\":5}", ADMINS, reaches, 403),
                row("PUT", "/api/v1/services/{new}", "{\"hub\":\"{hub}\",\"letter\":\"Z\",\"nameZh\":\"事\","
                        + "\"nameEn\":\"Thing\",\"typicalMinutes\":5}", ADMINS, reaches, 403),
                row("PUT", "/api/v1/counters/{new}", "{\"hub\":\"{hub}\",\"nameZh\":\"窗\",\"nameEn\":\"Desk\","
                        + "\"services\":[\"{service}\"]}", ADMINS, reaches, 403),
                // retiring and bringing back (a counter never closed is open: 409 for those let through)
                row("POST", "/api/v1/rooms/{spare-room}/retire", null, ADMINS, reaches, 403),
                row("POST", "/api/v1/rooms/{spare-room}/unretire", null, ADMINS, reaches, 403),
                row("POST", "/api/v1/services/{spare-service}/retire", null, ADMINS, reaches, 403),
                row("POST", "/api/v1/services/{spare-service}/unretire", null, ADMINS, reaches, 403),
                row("POST", "/api/v1/counters/{spare-counter}/retire", null, ADMINS, reaches, 403),
                row("POST", "/api/v1/counters/{spare-counter}/unretire", null, ADMINS, reaches, 403),
                row("PUT", "/api/v1/activities/{new}", "{\"room\":\"{room}\",\"titleZh\":\"课\",\"titleEn\":\"Class\","
                        + "\"start\":\"{start}\",\"end\":\"{end}\",\"capacity\":5}", ADMINS, reaches, 403),

                // rooms and bookings
                row("GET", "/api/v1/rooms/{room}/availability?date={date}", null, KIOSK_OR_STAFF, reaches, 403),
                row("POST", "/api/v1/bookings", booking, DESK, reaches, 403),
                row("GET", "/api/v1/bookings/{booking}", null, OPERATORS, reaches, 404),
                row("DELETE", "/api/v1/bookings/{new-booking}", null, OPERATORS, reaches, 404),
                row("GET", "/api/v1/bookings/{booking}/qr.png", null, OPERATORS, reaches, 404),
                row("POST", "/api/v1/bookings/cancel", "{\"token\":\"LL1:x\",\"hub\":\"{hub}\"}", DESK, reaches, 403),
                row("GET", "/api/v1/hubs/{hub}/revoked", null, STAFF, reaches, 403),
                // the bookings desk: the day's and week's bookings, cancelling with a reason, maintenance blocks
                row("GET", "/api/v1/hubs/{hub}/bookings", null, STAFF, reaches, 403),
                row("POST", "/api/v1/bookings/{new-booking}/cancel", "{\"reason\":\"leak\"}", OPERATORS, reaches,
                        404),
                row("POST", "/api/v1/rooms/{room}/blocks", "{\"date\":\"{date}\",\"from\":\"10:00\",\"to\":\"11:00\","
                        + "\"reason\":\"repair\"}", OPERATORS, reaches, 403),
                // a resident's own bookings, by their card, at their hub's kiosk or desk
                row("POST", "/api/v1/residents/bookings", "{\"residentToken\":\"LL1:x\",\"hub\":\"{hub}\"}", DESK,
                        reaches, 403),
                row("POST", "/api/v1/residents/bookings/{new-booking}/cancel", "{\"residentToken\":\"LL1:x\","
                        + "\"hub\":\"{hub}\"}", DESK, reaches, 403),
                // another hub's item is as unknown as one that does not exist (finding M5)
                row("POST", "/api/v1/feedback", "{\"booking\":{new-booking},\"rating\":5}", DESK, reaches, 422),

                // residents, check-ins and activities at the desk or the kiosk
                row("POST", "/api/v1/residents/card", "{\"phone\":\"{phone}\",\"hub\":\"{hub}\"}", DESK, reaches,
                        403),
                // a resident's cards are the resident's, in every hub: revoked by phone, whoever is asked (ADR 0013, L3)
                row("POST", "/api/v1/residents/card/revoke", "{\"phone\":\"{phone}\"}", OPERATORS, none, 403),
                // a resident's requests at a hub's counter (PIPL): the hub's operators and admins; a number nobody
                // booked with is unknown (200 known:false to read, 404 to lift or erase)
                row("POST", "/api/v1/hubs/{hub}/residents/lookup", "{\"phone\":\"{phone}\"}", OPERATORS, reaches,
                        403),
                row("POST", "/api/v1/hubs/{hub}/residents/export", "{\"phone\":\"{phone}\"}", OPERATORS, reaches,
                        403),
                row("POST", "/api/v1/hubs/{hub}/residents/lift-block", "{\"phone\":\"13900000077\","
                        + "\"reason\":\"came in\"}", OPERATORS, reaches, 403),
                row("POST", "/api/v1/hubs/{hub}/residents/erase", "{\"phone\":\"13900000078\","
                        + "\"reason\":\"asked\"}", OPERATORS, reaches, 403),
                row("POST", "/api/v1/checkins", "{\"phone\":\"{phone}\",\"hub\":\"{hub}\"}", DESK, reaches, 403),
                row("GET", "/api/v1/hubs/{hub}/checkins?date={date}", null, STAFF, reaches, 403),
                // an activity's roster: activities are public, so another hub's is refused rather than hidden
                row("GET", "/api/v1/activities/{activity}/signups", null, OPERATORS, reaches, 403),
                row("POST", "/api/v1/activities/{activity}/signups", "{\"phone\":\"{phone}\"}", DESK, reaches, 404),
                row("DELETE", "/api/v1/activities/{activity}/signups/{signup}", null, OPERATORS, reaches, 404),
                row("POST", "/api/v1/activities/{new-activity}/cancel", "{\"reason\":\"teacher ill\"}", ADMINS,
                        reaches, 404),

                // queues: drawing at a desk or kiosk; serving at a counter is done at the hub itself
                row("POST", "/api/v1/services/{service}/tickets", null, DESK, reaches, 404),
                row("POST", "/api/v1/tickets/{ticket}/reactivate", null, STAFF, own, 404),
                // (counters are on the hub's public page: another hub's is refused, not hidden)
                counterWork("POST", "/api/v1/counters/{counter}/call-next", null, 403),
                counterWork("POST", "/api/v1/counters/{counter}/recall", null, 403),
                counterWork("POST", "/api/v1/counters/{counter}/complete", null, 403),
                counterWork("POST", "/api/v1/counters/{counter}/no-show", null, 403),
                counterWork("POST", "/api/v1/counters/{counter}/transfer", "{\"service\":\"{service}\"}", 403),
                counterWork("POST", "/api/v1/counters/{counter}/open", null, 403),
                counterWork("POST", "/api/v1/counters/{counter}/close", null, 403),
                counterWork("GET", "/api/v1/counters/{counter}", null, 403),

                // the live screens and the day so far: staff of the hub or above; a screen its own hub's
                screen("GET", "/api/v1/hubs/{hub}/live", STAFF, reaches, 403),
                screen("GET", "/api/v1/hubs/{hub}/calls", STAFF, reaches, 403),
                row("GET", "/api/v1/hubs/{hub}/today", null, STAFF, reaches, 403),
                row("GET", "/api/v1/hubs/{hub}/evacuation", null, STAFF, reaches, 403),
                screen("GET", "/api/v1/events?hub={hub}", KIOSK_OR_STAFF, reaches, 403),
                row("POST", "/api/v1/alerts/{alert}/ack", null, STAFF, reaches, 404),

                // devices
                row("GET", "/api/v1/devices", null, OPERATORS, none, 403),
                row("POST", "/api/v1/devices", "{\"id\":\"{new}\",\"hub\":\"{hub}\",\"rooms\":[\"{room}\"]}", ADMINS,
                        reaches, 403),
                row("DELETE", "/api/v1/devices/{new-device}", null, ADMINS, reaches, 404),
                row("POST", "/api/v1/devices/{device}/commands", null, OPERATORS, reaches, 404),
                row("POST", "/api/v1/devices/{device}/broker-credential", null, ADMINS, reaches, 404),
                row("GET", "/api/v1/devices/{device}/commands", null, OPERATORS, reaches, 404),
                row("GET", "/api/v1/devices/{device}/commands/{command}", null, OPERATORS, reaches, 404),

                // kiosk keys, display keys, calendar feeds
                row("POST", "/api/v1/hubs/{hub}/kiosk-keys", "{\"label\":\"Lobby\"}", ADMINS, reaches, 403),
                row("GET", "/api/v1/hubs/{hub}/kiosk-keys", null, ADMINS, reaches, 403),
                row("DELETE", "/api/v1/hubs/{hub}/kiosk-keys/{kiosk-key}", null, ADMINS, reaches, 403),
                // a kiosk reports its own outbox; the key says which kiosk, so there is no hub to reach
                row("POST", "/api/v1/kiosks/status", "{\"waiting\":0,\"refused\":[]}",
                        EnumSet.of(Who.KIOSK), none, 403),
                row("POST", "/api/v1/hubs/{hub}/display-keys", "{\"label\":\"Board\",\"scope\":\"screen\"}", ADMINS,
                        reaches, 403),
                row("GET", "/api/v1/hubs/{hub}/display-keys", null, ADMINS, reaches, 403),
                row("DELETE", "/api/v1/hubs/{hub}/display-keys/{display-key}", null, ADMINS, reaches, 403),
                screen("GET", "/api/v1/display-keys/me", STAFF, none, 403),
                row("GET", "/api/v1/hubs/{hub}/calendar-feeds", null, OPERATORS, reaches, 403),
                row("POST", "/api/v1/hubs/{hub}/calendar-feeds", null, OPERATORS, reaches, 403),
                row("POST", "/api/v1/hubs/{hub}/calendar-feeds/{new-feed}/renew", null, OPERATORS, reaches, 403),
                row("DELETE", "/api/v1/hubs/{hub}/calendar-feeds/{new-feed}", null, OPERATORS, reaches, 403),

                // staff accounts and the audit log: the admins of the account's hub or above it
                row("GET", "/api/v1/staff", null, ADMINS, none, 403),
                row("GET", "/api/v1/staff/me", null, STAFF, none, 403),
                row("POST", "/api/v1/staff", "{\"username\":\"{new}\",\"role\":\"operator\",\"hub\":\"{hub}\"}",
                        ADMINS, reaches, 403),
                row("GET", "/api/v1/staff/{user}", null, ADMINS, reaches, 403),
                row("PUT", "/api/v1/staff/{user}", "{\"role\":\"operator\",\"hub\":\"{hub}\"}", ADMINS, reaches, 403),
                row("POST", "/api/v1/staff/{user}/disable", null, ADMINS, reaches, 403),
                row("POST", "/api/v1/staff/{user}/enable", null, ADMINS, reaches, 403),
                row("POST", "/api/v1/staff/{user}/password-reset", null, ADMINS, reaches, 403),
                row("GET", "/api/v1/audit?hub={hub}", null, ADMINS, reaches, 403),
                row("GET", "/api/v1/audit/doors?hub={hub}", null, ADMINS, reaches, 403),

                // reports: staff see the figures of their hub and below; admins compare and file them
                row("GET", "/api/v1/reports/hubs", null, OPERATORS, none, 403),
                row("GET", "/api/v1/reports/weights", null, OPERATORS, none, 403),
                // the star-rating weights are the district's: its admins' and the admins of every hub
                row("PUT", "/api/v1/reports/weights", null, EnumSet.of(Who.GLOBAL_ADMIN, Who.DISTRICT_ADMIN), none,
                        403),
                row("POST", "/api/v1/reports/refresh", null, EnumSet.of(Who.GLOBAL_ADMIN), none, 403),
                row("GET", "/api/v1/reports/{hub}", null, OPERATORS, reaches, 403),
                row("GET", "/api/v1/reports/{hub}/export.csv", null, OPERATORS, reaches, 403),
                row("GET", "/api/v1/reports/{hub}/export.xlsx", null, OPERATORS, reaches, 403),
                streetsUp("GET", "/api/v1/reports/{hub}/comparison", ADMINS),
                streetsUp("GET", "/api/v1/reports/{hub}/comparison.csv", ADMINS),
                streetsUp("GET", "/api/v1/reports/{hub}/comparison.xlsx", ADMINS),
                row("GET", "/api/v1/reports/{hub}/targets", null, OPERATORS, reaches, 403),
                row("PUT", "/api/v1/reports/{hub}/targets/{service}", null, OPERATORS, reaches, 403),
                row("GET", "/api/v1/reports/{hub}/monthly", null, OPERATORS, reaches, 403),
                // filed for every hub (ADR 0016), by admins of the hub or of a hub above it
                row("POST", "/api/v1/reports/{hub}/monthly/2026-11", null, ADMINS, reaches, 403),
                row("GET", "/api/v1/reports/{hub}/monthly/2026-11.xlsx", null, OPERATORS, reaches, 403));
    }
}
