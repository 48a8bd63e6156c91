package org.linli.central.calendar;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Created;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.linli.central.catalogue.Hub;

/**
 * Writes a feed as RFC 5545 with ical4j: one VEVENT per booking or activity whose UID never changes, SEQUENCE from
 * the database's change counter, STATUS:CANCELLED for cancelled and released bookings and for activities called off
 * (so a subscribed calendar strikes them out instead of keeping a stale entry), a room blocked for maintenance as
 * maintenance, not as booked, times in the hub's zone with its VTIMEZONE from ical4j's bundled definitions (their
 * updates over the network are off in {@code ical4j.properties}).
 */
public final class CalendarWriter {
    private static final String PRODID = "-//Linli//Linli calendar feeds//ZH";
    private final TimeZoneRegistry zones = TimeZoneRegistryFactory.getInstance().createRegistry();
    private final Clock clock;

    public CalendarWriter(Clock clock) {
        this.clock = clock;
    }

    /** A feed's calendar. {@code roomNames} gives each room's name as "中文 / English". */
    public String write(Hub hub, String name, List<CalendarEntries.BookingEntry> bookings,
            List<CalendarEntries.ActivityEntry> activities, Map<String, String> roomNames) {
        ZoneId zone = hub.timezone();
        TimeZone tz = zones.getTimeZone(zone.getId());
        if (tz == null) {
            throw new IllegalStateException("ical4j has no time zone definition for " + zone);
        }
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new Method("PUBLISH"));
        calendar.add(new XProperty("X-WR-CALNAME", name));
        calendar.add(new XProperty("X-WR-TIMEZONE", zone.getId()));
        calendar.add(tz.getVTimeZone());
        Instant stamp = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (CalendarEntries.BookingEntry b : bookings) {
            boolean gone = b.status().equals("cancelled") || b.status().equals("released");
            String what = b.maintenance() ? "维修 Maintenance" : "已预约 Booked";
            VEvent event = new VEvent(ZonedDateTime.ofInstant(b.start(), zone), ZonedDateTime.ofInstant(b.end(), zone),
                    gone ? "已取消 Cancelled · " + what : what);
            event.add(new Uid("booking-" + b.id() + "@" + hub.id() + ".linli"));
            event.add(new DtStamp(stamp));
            event.add(new Sequence(b.sequence()));
            event.add(new Created(b.created()));
            event.add(new LastModified(b.changed()));
            event.add(new Status(gone ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));
            event.add(new Location(roomNames.getOrDefault(b.roomId(), b.roomId())));
            event.add(new Categories(b.maintenance() ? "maintenance" : "booking"));
            calendar.add(event);
        }
        for (CalendarEntries.ActivityEntry a : activities) {
            VEvent event = new VEvent(ZonedDateTime.ofInstant(a.start(), zone), ZonedDateTime.ofInstant(a.end(), zone),
                    a.titleZh() + " · " + a.titleEn());
            event.add(new Uid("activity-" + a.id() + "@" + hub.id() + ".linli"));
            event.add(new DtStamp(stamp));
            event.add(new Sequence(a.sequence()));
            event.add(new Status(a.cancelled() ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));
            if (a.roomId() != null) {
                event.add(new Location(roomNames.getOrDefault(a.roomId(), a.roomId())));
            }
            event.add(new Description(a.titleZh() + "\n" + a.titleEn()));
            event.add(new Categories("activity"));
            calendar.add(event);
        }
        return calendar.toString();
    }
}
