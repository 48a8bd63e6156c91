package org.linli.central.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linli.central.errors.Conflict;
import org.linli.central.errors.Forbidden;
import org.linli.central.errors.ConsentRequired;
import org.linli.central.errors.InvalidInput;
import org.linli.central.errors.NotFound;
import org.linli.central.errors.Refusal;
import org.linli.central.errors.RuleViolation;
import org.linli.central.errors.TooManyRequests;
import org.linli.central.errors.Unauthorized;

/**
 * Every error becomes an RFC 9457 problem detail here, and only here: the features' refusals ({@code errors.*}), the
 * web layer's own (a body too large, not JSON), what Helidon refuses, and, as a 500, anything unexpected.
 */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://linli.org/problems/";
    private static final System.Logger LOG = System.getLogger(Problems.class.getName());

    private Problems() {
    }

    public static void register(HttpRouting.Builder routing) {
        routing.error(Refusal.class, (req, res, e) -> {
            if (e instanceof TooManyRequests t && !res.isSent()) {
                res.header(HeaderNames.RETRY_AFTER, Long.toString(t.retryAfter().toSeconds()));
            }
            send(res, problem(e));
        });
        routing.error(ProblemException.class, (req, res, e) -> send(res, e));
        routing.error(HttpException.class, Problems::refusedByHelidon);
        routing.error(Exception.class, Problems::unexpected);
    }

    /** Each kind of refusal of the features as its HTTP status, problem type and title. */
    static ProblemException problem(Refusal refusal) {
        String detail = refusal.getMessage();
        return switch (refusal) {
            case InvalidInput invalid -> new ProblemException(400, "invalid-fields", "Some fields are missing or wrong",
                    detail, invalid.errors());
            case Unauthorized u -> new ProblemException(401, "unauthorized", "Sign in first", detail, List.of());
            case Forbidden f -> new ProblemException(403, "forbidden", "Not allowed for you", detail, List.of());
            case NotFound n -> new ProblemException(404, "not-found", "Not found", detail, List.of());
            case Conflict c -> new ProblemException(409, c.code(), c.title(), detail, List.of(), c.members());
            case ConsentRequired r -> new ProblemException(422, "consent-required",
                    "The resident has not agreed to the privacy notice", detail,
                    List.of(new InvalidInput.FieldError(r.field(), "the version of the notice the resident agreed to")),
                    Map.of("notice", r.notice(), "noticeChanged", r.noticeChanged()));
            case RuleViolation r -> new ProblemException(422, r.code(), "A rule does not allow this", detail,
                    List.of());
            case TooManyRequests t -> new ProblemException(429, "too-many-requests", "Too many attempts", detail,
                    List.of());
            default -> throw new IllegalStateException("no problem type for " + refusal.getClass().getName());
        };
    }

    /**
     * What Helidon itself refuses before any feature runs: no route for a path outside {@code /api} (a browser's
     * {@code /favicon.ico}, a mistyped page), a request it cannot parse. A 4xx is the client's, not our failure.
     */
    private static void refusedByHelidon(ServerRequest req, ServerResponse res, HttpException e) {
        int status = e.status().code();
        if (status >= 500) {
            unexpected(req, res, e);
        } else if (status == 404) {
            noSuchRoute(req, res);
        } else {
            send(res, new ProblemException(status, "bad-request", e.status().reasonPhrase(),
                    "the request was refused: " + e.getMessage(), List.of()));
        }
    }

    /** The last route: whatever no feature answered is a 404 problem, not the server's plain-text page. */
    public static void noSuchRoute(ServerRequest req, ServerResponse res) {
        send(res, new ProblemException(404, "no-such-route", "Not found",
                "there is no " + req.prologue().method().text() + " " + req.path().path(), List.of()));
    }

    private static void unexpected(ServerRequest req, ServerResponse res, Exception e) {
        // The only 500 path: our fault, logged once with the stack; the client gets no internals.
        LOG.log(Level.ERROR, "unexpected failure of " + req.prologue().method().text() + " " + req.path().path(), e);
        send(res, new ProblemException(500, "internal", "Something went wrong on our side",
                "the service failed; the operators have the details in the log", List.of()));
    }

    public static void send(ServerResponse res, ProblemException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + e.type());
        body.put("title", e.title());
        body.put("status", e.status());
        body.put("detail", e.getMessage());
        if (!e.errors().isEmpty()) {
            body.put("errors", e.errors());
        }
        new java.util.TreeMap<>(e.members()).forEach(body::putIfAbsent);
        if (res.isSent()) {
            return;
        }
        res.status(Status.create(e.status()));
        res.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
        if (e.status() == 401) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        res.send(Json.bytes(body));
    }
}
