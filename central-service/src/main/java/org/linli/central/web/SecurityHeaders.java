package org.linli.central.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Headers on every answer, pages, API and errors alike (finding L2): no content-type sniffing, no framing (click
 * jacking on the counter console), no referrer (a ticket page's URL is the ticket's capability), and a
 * Content-Security-Policy that lets the pages run only the site's own scripts and styles: every script is a file under
 * {@code /static} or {@code /webjars}, no page has an inline script, style attribute or event-handler attribute.
 */
public final class SecurityHeaders {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
            + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    /** A routing filter. */
    public static void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.header(HeaderNames.create("X-Frame-Options"), "DENY");
        res.header(HeaderNames.create("Content-Security-Policy"), CSP);
        res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
        chain.proceed();
    }
}
