package org.linli.central.pages;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import org.linli.central.web.ClasspathFiles;
import org.linli.central.web.Requests;

/**
 * The staff web pages: operator dashboard {@code /}, counter console {@code /counter/{counter}}, now-serving board
 * {@code /board/{hub}}, lobby screen {@code /lobby/{hub}}, evacuation view {@code /evacuation/{hub}} and
 * {@code /login}. Their scripts and styles are
 * under {@code /static}, libraries (ECharts) come from WebJars under {@code /webjars}. A page is only sent to a
 * signed-in visitor (the {@code linli_token} cookie the login page sets); others are sent to the login page.
 * One page is for residents and open to anyone with the link: {@code /ticket/{id}}, where the QR code on a queue
 * ticket leads a phone (the ticket's id is unguessable, like the API's {@code GET /api/v1/tickets/{id}}).
 */
public final class PageService implements HttpService {
    private final Predicate<String> validStaffToken;
    private final ClasspathFiles pages = new ClasspathFiles("web");
    private final ClasspathFiles webjars = new ClasspathFiles("META-INF/resources/webjars");

    /** @param validStaffToken whether a token belongs to a signed-in member of staff */
    public PageService(Predicate<String> validStaffToken) {
        this.validStaffToken = validStaffToken;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> page(req, res, "index.html"))
                .get("/counter/{counter}", (req, res) -> page(req, res, "counter.html"))
                .get("/board/{hub}", (req, res) -> page(req, res, "board.html"))
                .get("/lobby/{hub}", (req, res) -> page(req, res, "lobby.html"))
                .get("/evacuation/{hub}", (req, res) -> page(req, res, "evacuation.html"))
                .get("/reports", (req, res) -> page(req, res, "reports.html"))
                .get("/reports/compare", (req, res) -> page(req, res, "compare.html"))
                .get("/reports/print", (req, res) -> page(req, res, "report-print.html"))
                .get("/staff", (req, res) -> page(req, res, "staff.html"))
                .get("/audit", (req, res) -> page(req, res, "audit.html"))
                .get("/catalogue", (req, res) -> page(req, res, "catalogue.html"))
                .get("/bookings", (req, res) -> page(req, res, "bookings.html"))
                .get("/activities", (req, res) -> page(req, res, "activities.html"))
                .get("/residents", (req, res) -> page(req, res, "residents.html"))
                .get("/login", (req, res) -> pages.send("login.html", res))
                .get("/display", (req, res) -> pages.send("display.html", res))
                .get("/ticket/{id}", (req, res) -> pages.send("ticket.html", res))
                .get("/static/*", (req, res) -> pages.serve("/static", req, res))
                .get("/webjars/*", (req, res) -> webjars.serve("/webjars", req, res));
    }

    private void page(ServerRequest req, ServerResponse res, String file) {
        String token = Requests.sessionCookie(req);
        if (token == null || !validStaffToken.test(token)) {
            String next = req.path().path() + req.query().rawValue().transform(q -> q.isEmpty() ? "" : "?" + q);
            res.status(Status.SEE_OTHER_303)
                    .header(HeaderNames.LOCATION, "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8))
                    .send();
            return;
        }
        pages.send(file, res);
    }
}
