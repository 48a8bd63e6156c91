package org.linli.central.live;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linli.central.auth.Access;
import org.linli.central.auth.Caller;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.store.Database;
import org.linli.central.web.Json;
import org.linli.central.web.ProblemException;
import org.linli.central.web.Requests;
import org.linli.central.web.Times;

/**
 * A hub's day so far for its screens: {@code /hubs/{hub}/today}, hour by hour for the dashboard's chart, and
 * {@code /hubs/{hub}/calls}, today's latest calls, so that a board started (or restarted) mid-day shows them.
 */
public final class DayService implements HttpService {
    private static final int CALLS = 10;
    private final Catalogue catalogue;
    private final Access access;
    private final Database db;
    private final Clock clock;
    private final DaySoFar day;

    public DayService(Catalogue catalogue, Access access, Database db, Clock clock) {
        this.catalogue = catalogue;
        this.access = access;
        this.db = db;
        this.clock = clock;
        this.day = new DaySoFar(db, clock);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/hubs/{hub}/today", this::today)
                .get("/hubs/{hub}/calls", this::calls);
    }

    private Hub hubOfCaller(ServerRequest req) {
        Caller caller = access.require(req, Access.STAFF);
        Hub hub = catalogue.requireHub(Requests.id(req, "hub"));
        if (caller.hubId() != null && !caller.hubId().equals(hub.id())) {
            throw ProblemException.forbidden("staff of hub " + caller.hubId() + " see only their own hub");
        }
        return hub;
    }

    private void today(ServerRequest req, ServerResponse res) {
        Hub hub = hubOfCaller(req);
        Json.ok(res, day.of(hub, catalogue.rooms(hub.id())));
    }

    private void calls(ServerRequest req, ServerResponse res) {
        Hub hub = hubOfCaller(req);
        String today = LocalDate.ofInstant(clock.instant(), hub.timezone()).toString();
        List<Map<String, Object>> calls = db.read(c -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT id, number, service_id, counter_id, called_ts FROM ticket
                    WHERE hub_id = ? AND day = ? AND called_ts IS NOT NULL AND counter_id IS NOT NULL
                    ORDER BY called_ts DESC, seq DESC LIMIT ?""")) {
                st.setString(1, hub.id());
                st.setString(2, today);
                st.setInt(3, CALLS);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("counter", rs.getString("counter_id"));
                        row.put("service", rs.getString("service_id"));
                        row.put("number", rs.getString("number"));
                        row.put("ticket", rs.getString("id"));
                        row.put("called", Times.format(Instant.ofEpochSecond(rs.getLong("called_ts")),
                                hub.timezone()));
                        rows.add(row);
                    }
                }
            }
            return rows;
        });
        Json.ok(res, calls);
    }
}
