package org.linli.central.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.DateTimeException;
import java.time.LocalDate;
import org.linli.central.errors.InvalidInput;
import org.linli.central.errors.NotFound;
import org.linli.protocol.Ids;

/** Path and query parameters and headers, checked before they reach a feature. */
public final class Requests {
    /** The cookie the staff pages keep their token in. */
    public static final String SESSION_COOKIE = "linli_token";

    private Requests() {
    }

    /** The one API route a browser calls with the session cookie: its event stream cannot send headers. */
    static final String COOKIE_ROUTE = "/api/v1/events";

    /**
     * The bearer token of a request, for {@code auth.Guard}: the Authorization header, or else, for {@code GET}
     * {@value #COOKIE_ROUTE} only, the {@value #SESSION_COOKIE} cookie the server set at sign-in. A cookie goes with
     * every request of the site, also one another page of the same site makes (finding L2), so no other route takes
     * it. Null when there is none or it is absurd.
     */
    public static String bearer(ServerRequest req) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
        if (header != null) {
            return header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() <= 7 + 200
                    ? header.substring(7).strip() : null;
        }
        if (!req.prologue().method().text().equals("GET") || !req.path().absolute().path().equals(COOKIE_ROUTE)) {
            return null;
        }
        return sessionCookie(req);
    }

    /** The {@value #SESSION_COOKIE} cookie, for the staff pages and the event stream only; null when absent. */
    public static String sessionCookie(ServerRequest req) {
        String cookie = req.headers().cookies().first(SESSION_COOKIE).orElse(null);
        return cookie != null && !cookie.isBlank() && cookie.length() <= 200 ? cookie.strip() : null;
    }

    /** The client's address without the port (a password guesser changes ports, not addresses). */
    public static String clientAddress(ServerRequest req) {
        SocketAddress remote = req.remotePeer().address();
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(remote);
    }

    /** For {@link #sessionCookieHeader}: a cookie the browser keeps until it closes, the server's session decides. */
    public static final long UNTIL_THE_BROWSER_CLOSES = -1;

    /**
     * The {@code Set-Cookie} value for a session: HttpOnly (no script reads it), SameSite=Strict, Secure when the
     * request came over TLS, for {@code maxAgeSeconds}, or {@link #UNTIL_THE_BROWSER_CLOSES}; a zero length clears it.
     */
    public static String sessionCookieHeader(ServerRequest req, String token, long maxAgeSeconds) {
        return SESSION_COOKIE + "=" + (token == null ? "" : token) + "; Path=/"
                + (maxAgeSeconds == UNTIL_THE_BROWSER_CLOSES ? "" : "; Max-Age=" + maxAgeSeconds)
                + "; HttpOnly; SameSite=Strict" + (req.isSecure() ? "; Secure" : "");
    }

    /**
     * The optional {@code Idempotency-Key} header: the same for every try of one request, so that a try whose answer
     * was lost is not done twice.
     */
    public static String idempotencyKey(ServerRequest req) {
        String key = req.headers().first(HeaderNames.create("Idempotency-Key")).map(String::strip)
                .orElse(null);
        if (key != null && (key.isEmpty() || key.length() > 100 || !key.chars().allMatch(ch -> ch > 32 && ch < 127))) {
            throw ProblemException.badRequest("the Idempotency-Key header must be 1-100 visible ASCII characters");
        }
        return key;
    }

    /** A path id that must be a well-formed id; anything else cannot exist, so it is a 404. */
    public static String id(ServerRequest req, String name) {
        String value = req.path().pathParameters().get(name);
        if (!Ids.isValid(value)) {
            throw new NotFound("no " + name + " with that id");
        }
        return value;
    }

    /**
     * The id of an entry a PUT makes or changes: a malformed one is the request's {@code id} field being wrong (400,
     * shown beside the id on the catalogue page), not an entry that is missing (404).
     */
    public static String idToWrite(ServerRequest req, String name) {
        String value = req.path().pathParameters().get(name);
        if (!Ids.isValid(value)) {
            throw InvalidInput.field("id", "must be 1-64 letters, digits, '-' or '_', beginning with a letter or digit");
        }
        return value;
    }

    /** A numeric path id such as a booking's. */
    public static long number(ServerRequest req, String name) {
        String value = req.path().pathParameters().get(name);
        try {
            long number = Long.parseLong(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // falls through to the 404 below
        }
        throw new NotFound("no " + name + " with that id");
    }

    /** The hub an action concerned and why a member of staff did it, in their words. */
    public record AuditNote(String hub, String reason) {
    }

    /**
     * Notes, for the audit log, the hub an action concerned (when its path does not say) and why it was done; the
     * log's filter writes them once the request is answered.
     */
    public static void auditNote(ServerRequest req, String hub, String reason) {
        req.context().register(new AuditNote(hub, reason));
    }

    /** @return what a handler noted for the audit log */
    public static java.util.Optional<AuditNote> auditNote(ServerRequest req) {
        return req.context().get(AuditNote.class);
    }

    /** Who an action was for, as its handler knows it: the account name typed at a sign-in, and its role. */
    public record AuditActor(String name, String role) {
    }

    /**
     * Notes, for the audit log, who an action was for when no bearer says it, or says someone else (a sign-in: the
     * name typed, whoever's token the browser still sent); noted again, it replaces the earlier note.
     */
    public static void auditActor(ServerRequest req, String name, String role) {
        req.context().register(new AuditActor(name, role));
    }

    /** @return who a handler noted an action was for */
    public static java.util.Optional<AuditActor> auditActor(ServerRequest req) {
        return req.context().get(AuditActor.class);
    }

    public static LocalDate date(ServerRequest req, String name) {
        String value = req.query().first(name).orElse(null);
        if (value == null || value.isBlank()) {
            throw InvalidInput.field(name, "is required, e.g. ?" + name + "=2026-11-28");
        }
        try {
            return parseDate(value.strip());
        } catch (DateTimeException e) {
            throw InvalidInput.field(name, "must be a date like 2026-11-28");
        }
    }

    /**
     * ISO dates: the usual yyyy-mm-dd read by hand (the kiosks ask for availability by date constantly, and the
     * general parser was a twentieth of such a request), anything else by {@link LocalDate#parse}. Both refuse
     * impossible dates such as 2026-02-30 with a DateTimeException.
     */
    static LocalDate parseDate(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-' && digits(text, 0, 4)
                && digits(text, 5, 7) && digits(text, 8, 10)) {
            return LocalDate.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10),
                    Integer.parseInt(text, 8, 10, 10));
        }
        return LocalDate.parse(text);
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
