package org.linli.central;

import java.time.Clock;
import java.time.Duration;
import org.linli.central.doorkeys.TokenKeys;
import org.linli.central.activities.Activities;
import org.linli.central.auth.Guard;
import org.linli.central.auth.Accounts;
import org.linli.central.booking.Bookings;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.checkin.Checkins;
import org.linli.central.config.Settings;
import org.linli.central.events.EventBus;
import org.linli.central.events.EventJournal;
import org.linli.central.feedback.Feedbacks;
import org.linli.central.queue.Queues;
import org.linli.central.residents.PhoneNumbers;
import org.linli.central.residents.ResidentSecret;
import org.linli.central.residents.Residents;
import org.linli.central.residents.Retention;
import org.linli.central.store.SqliteDatabase;

/** Every long-lived object of the service, built once with plain constructors. */
public record Components(Settings settings, Clock clock, SqliteDatabase db, EventBus events, EventJournal journal,
        Catalogue catalogue,
        TokenKeys keys, Residents residents, Accounts accounts, Guard guard, Bookings bookings, Queues queues,
        Checkins checkins, Activities activities, Feedbacks feedbacks, Retention retention) {

    public static Components create(Settings settings, Clock clock) {
        SqliteDatabase db = SqliteDatabase.open(settings.dataDir().resolve("linli.db"));
        EventBus events = new EventBus();
        // Numbered and kept for a while, so that a live screen that reconnects gets what it missed.
        EventJournal journal = new EventJournal();
        events.subscribe(journal);
        Catalogue catalogue = new Catalogue(db);
        TokenKeys keys = TokenKeys.loadOrCreate(settings.dataDir().resolve("signing-key.properties"), clock);
        Residents residents = new Residents(new PhoneNumbers(ResidentSecret.loadOrCreate(settings.secretFile())),
                keys, clock, Duration.ofDays(settings.cardDays()));
        Accounts accounts = new Accounts(db, clock, settings.sessionLength());
        Guard guard = new Guard(accounts);
        Bookings bookings = new Bookings(db, catalogue, residents, keys, events, clock);
        Queues queues = new Queues(db, catalogue, residents, events, clock, settings.priorityRatio(),
                settings.noShowWindow());
        Checkins checkins = new Checkins(db, catalogue, residents, keys, events, clock);
        Activities activities = new Activities(db, catalogue, residents, clock);
        Feedbacks feedbacks = new Feedbacks(db, events, clock);
        Retention retention = new Retention(db, accounts, clock, Duration.ofDays(settings.retentionDays()));
        return new Components(settings, clock, db, events, journal, catalogue, keys, residents, accounts, guard, bookings,
                queues, checkins, activities, feedbacks, retention);
    }
}
