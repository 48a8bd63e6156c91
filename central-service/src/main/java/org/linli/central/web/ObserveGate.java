package org.linli.central.web;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code /observe/*} (health with details, metrics that name every device and its drop counts) answers the service's
 * own machine (a local monitoring agent, {@code curl localhost}) and signed-in staff, not everyone on the hub's
 * network (finding L5), nor a screen's display key or a kiosk's key.
 *
 * <p>A request from the loopback counts as this machine's only when it carries none of the headers a reverse proxy
 * adds ({@link #PROXY_HEADERS}): behind a proxy on this machine (decision 0013) every request comes from the
 * loopback, and the proxy's headers are what tells a visitor from the network apart. A proxy that sends none of them
 * (nginx unless told to) would make every visitor look local; decision 0013 says what to set.
 */
public final class ObserveGate {
    /** Forwarded (RFC 7239) and the de-facto headers Caddy, Traefik, Apache and a configured nginx or HAProxy add. */
    static final List<HeaderName> PROXY_HEADERS = List.of(HeaderNames.FORWARDED, HeaderNames.X_FORWARDED_FOR,
            HeaderNames.X_FORWARDED_HOST, HeaderNames.X_FORWARDED_PROTO, HeaderNames.create("X-Real-IP"));

    private final Predicate<String> isStaff;

    /** @param isStaff whether a bearer token is a member of staff's own session (no display or kiosk key) */
    public ObserveGate(Predicate<String> isStaff) {
        this.isStaff = isStaff;
    }

    /** A routing filter. */
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().absolute().path();
        if (!path.equals("/observe") && !path.startsWith("/observe/")) {
            chain.proceed();
            return;
        }
        if (fromThisMachine(req)) {
            chain.proceed();
            return;
        }
        String bearer = Requests.bearer(req);
        if (bearer != null && isStaff.test(bearer)) {
            chain.proceed();
            return;
        }
        Problems.send(res, new ProblemException(403, "forbidden", "Not allowed for you",
                "health and metrics answer the service's own machine and signed-in staff only", List.of()));
    }

    private static boolean fromThisMachine(RoutingRequest req) {
        return req.remotePeer().address() instanceof InetSocketAddress peer && peer.getAddress() != null
                && peer.getAddress().isLoopbackAddress()
                && PROXY_HEADERS.stream().noneMatch(req.headers()::contains);
    }
}
