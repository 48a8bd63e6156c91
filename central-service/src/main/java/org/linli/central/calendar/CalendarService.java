package org.linli.central.calendar;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linli.central.auth.Guard;
import org.linli.central.auth.Caller;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.Retiring;
import org.linli.central.catalogue.Room;
import org.linli.central.web.Json;
import org.linli.central.web.JsonBody;
import org.linli.central.errors.Forbidden;
import org.linli.central.errors.InvalidInput;
import org.linli.central.errors.NotFound;
import org.linli.central.web.Requests;

/**
 * Calendar feeds: staff of a hub (or above) create, list, renew and revoke them; a calendar program subscribes to
 * {@code /api/v1/calendars/{feed}/{token}.ics} without signing in, the token in the URL being the permission.
 */
public final class CalendarService implements HttpService {
    /** What a feed holds: the last month and the next half year. */
    private static final Duration PAST = Duration.ofDays(31);
    private static final Duration AHEAD = Duration.ofDays(183);

    private final CalendarFeeds feeds;
    private final CalendarEntries entries;
    private final CalendarWriter writer;
    private final FeedTokens tokens;
    private final Catalogue catalogue;
    private final Guard guard;
    private final Clock clock;
    private final long maxBody;

    public CalendarService(CalendarFeeds feeds, CalendarEntries entries, CalendarWriter writer, FeedTokens tokens,
            Catalogue catalogue, Guard guard, Clock clock, long maxBody) {
        this.feeds = feeds;
        this.entries = entries;
        this.writer = writer;
        this.tokens = tokens;
        this.catalogue = catalogue;
        this.guard = guard;
        this.clock = clock;
        this.maxBody = maxBody;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/hubs/{hub}/calendar-feeds", this::list)
                .post("/hubs/{hub}/calendar-feeds", this::create)
                .post("/hubs/{hub}/calendar-feeds/{feed}/renew", this::renew)
                .delete("/hubs/{hub}/calendar-feeds/{feed}", this::revoke)
                .get("/calendars/{feed}/{file}", this::feed);
    }

    private record Staffed(Caller caller, Hub hub) {
    }

    private Staffed staffedHub(ServerRequest req) {
        Caller caller = guard.require(Requests.bearer(req), Guard.OPERATORS);
        Hub hub = catalogue.hub(Requests.id(req, "hub"))
                .orElseThrow(() -> new NotFound("no hub with that id"));
        if (!guard.reaches(caller, hub.id())) {
            throw new Forbidden("staff of " + caller.hubId()
                    + " manage the calendar feeds of that hub and of the hubs under it only");
        }
        return new Staffed(caller, hub);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Hub hub = staffedHub(req).hub();
        Json.ok(res, feeds.list(hub.id()).stream().map(this::view).toList());
    }

    private void create(ServerRequest req, ServerResponse res) {
        Staffed staffed = staffedHub(req);
        JsonBody body = JsonBody.read(req, maxBody);
        String wanted = body.optionalText("room", 64);
        body.done();
        String roomId = null;
        if (wanted != null) {
            Room room = catalogue.room(wanted).filter(r -> r.hubId().equals(staffed.hub().id()))
                    .orElseThrow(() -> InvalidInput.field("room",
                            "hub " + staffed.hub().id() + " has no room " + wanted));
            if (room.retired()) { // a feed made before the retiring keeps serving the room's past bookings
                throw Retiring.retired("room", room.id());
            }
            roomId = room.id();
        }
        CalendarFeeds.Feed feed = feeds.create(staffed.hub().id(), roomId, staffed.caller().name());
        Json.created(res, view(feed));
    }

    private void renew(ServerRequest req, ServerResponse res) {
        Hub hub = staffedHub(req).hub();
        CalendarFeeds.Feed feed = feeds.renew(hub.id(), Requests.id(req, "feed"))
                .orElseThrow(() -> new NotFound("hub " + hub.id() + " has no such calendar feed"));
        Json.ok(res, view(feed));
    }

    private void revoke(ServerRequest req, ServerResponse res) {
        Hub hub = staffedHub(req).hub();
        if (!feeds.revoke(hub.id(), Requests.id(req, "feed"))) {
            throw new NotFound("hub " + hub.id() + " has no such calendar feed");
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    private Map<String, Object> view(CalendarFeeds.Feed feed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", feed.id());
        body.put("hub", feed.hubId());
        body.put("room", feed.roomId());
        body.put("path", "/api/v1/calendars/" + feed.id() + "/" + tokens.token(feed.id(), feed.generation()) + ".ics");
        body.put("createdBy", feed.createdBy());
        body.put("created", feed.created().toString());
        return body;
    }

    /** The feed itself. A wrong, renewed or revoked token is a 404 like an unknown feed: it tells nothing. */
    private void feed(ServerRequest req, ServerResponse res) {
        String feedId = Requests.id(req, "feed");
        String file = req.path().pathParameters().get("file");
        String token = file != null && file.endsWith(".ics") ? file.substring(0, file.length() - 4) : null;
        CalendarFeeds.Feed feed = feeds.find(feedId)
                .filter(f -> tokens.matches(f.id(), f.generation(), token))
                .orElseThrow(() -> new NotFound("no calendar at this address (it may have been renewed "
                        + "or revoked)"));
        Hub hub = catalogue.requireHub(feed.hubId());
        List<Room> rooms = catalogue.rooms(hub.id());
        Map<String, String> names = new LinkedHashMap<>();
        rooms.forEach(r -> names.put(r.id(), r.name().zh() + " / " + r.name().en()));
        List<String> roomIds = feed.roomId() == null ? rooms.stream().map(Room::id).toList() : List.of(feed.roomId());
        Instant now = clock.instant();
        String name = hub.name().zh() + (feed.roomId() == null ? "" : " · " + names.get(feed.roomId()));
        String body = writer.write(hub, name, entries.bookings(roomIds, now.minus(PAST), now.plus(AHEAD)),
                entries.activities(hub.id(), feed.roomId(), now.minus(PAST), now.plus(AHEAD)), names);
        res.header(HeaderNames.CONTENT_TYPE, "text/calendar; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "private, max-age=300");
        res.send(body.getBytes(StandardCharsets.UTF_8));
    }
}
