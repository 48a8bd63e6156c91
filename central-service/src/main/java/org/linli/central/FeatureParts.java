package org.linli.central;

import java.time.Clock;
import java.time.Duration;
import org.linli.central.activities.Activities;
import org.linli.central.admin.StaffAdmin;
import org.linli.central.audit.AuditLog;
import org.linli.central.auth.Accounts;
import org.linli.central.auth.Guard;
import org.linli.central.auth.LoginThrottle;
import org.linli.central.booking.Bookings;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.checkin.Checkins;
import org.linli.central.config.LiveSettings;
import org.linli.central.config.Settings;
import org.linli.central.displays.DisplayKeys;
import org.linli.central.doorkeys.TokenKeys;
import org.linli.central.events.EventBus;
import org.linli.central.events.HubEvent;
import org.linli.central.feedback.Feedbacks;
import org.linli.central.kiosks.KioskKeys;
import org.linli.central.noshow.NoShows;
import org.linli.central.queue.Queues;
import org.linli.central.residents.PhoneNumbers;
import org.linli.central.residents.ResidentSecret;
import org.linli.central.residents.Residents;
import org.linli.central.residents.Retention;
import org.linli.central.store.Database;

/**
 * The features behind the API (catalogue, residents, staff, bookings, queues, check-ins, ...), built with plain
 * constructors as part of {@link Components}. They run no threads of their own.
 */
record FeatureParts(Catalogue catalogue, TokenKeys keys, Residents residents, Accounts accounts, Guard guard,
        KioskKeys kioskKeys, NoShows noShows, Bookings bookings, Queues queues, Checkins checkins,
        Activities activities, Feedbacks feedbacks, Retention retention, StaffAdmin staffAdmin, AuditLog audit,
        DisplayKeys displayKeys, LoginThrottle loginThrottle) {

    /** The token-signing keys' file in the data directory. */
    static final String SIGNING_KEY_FILE = "signing-key.properties";

    static FeatureParts create(Settings settings, LiveSettings liveSettings, Database db, EventBus events,
            Clock clock) {
        // a hub or room written (the catalogue page): its doors' keys, its capacity alert and open screens follow
        Catalogue catalogue = new Catalogue(db, hub -> events.publish(HubEvent.of(hub)));
        TokenKeys keys = TokenKeys.loadOrCreate(settings.dataDir().resolve(SIGNING_KEY_FILE), clock);
        Residents residents = new Residents(db, new PhoneNumbers(ResidentSecret.loadOrCreate(settings.secretFile())),
                keys, clock, Duration.ofDays(settings.cardDays()));
        Accounts accounts = new Accounts(db, clock, settings.sessionLength());
        Guard guard = new Guard(accounts, hubId -> catalogue.hub(hubId).map(Hub::parent).orElse(null));
        // one for signing in and changing one's password: the same counts, and the same few bcrypt checks at once
        LoginThrottle loginThrottle = new LoginThrottle(db, clock);
        // The no-show rule spans every resource of every hub: residents it blocks cannot book nor sign up.
        NoShows noShows = new NoShows(db, liveSettings.noShowRule(), clock);
        Duration retained = Duration.ofDays(settings.retentionDays());
        return new FeatureParts(catalogue, keys, residents, accounts, guard,
                new KioskKeys(db, clock, accounts::forgetBearers),
                noShows,
                new Bookings(db, catalogue, residents, keys, events, clock, noShows::blockedUntil),
                new Queues(db, catalogue, residents, events, clock, settings.priorityRatio(), settings.noShowWindow()),
                new Checkins(db, catalogue, residents, keys, events, clock),
                new Activities(db, catalogue, residents, events, clock, noShows::blockedUntil),
                new Feedbacks(db, events, clock),
                new Retention(db, accounts, clock, retained),
                new StaffAdmin(db, accounts, loginThrottle, catalogue, clock),
                new AuditLog(db, clock, retained),
                new DisplayKeys(db, clock, accounts::forgetBearers),
                loginThrottle);
    }
}
