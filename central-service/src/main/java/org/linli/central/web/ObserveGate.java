package org.linli.central.web;

import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code /observe/*} (health with details, metrics that name every device and its drop counts) answers the service's
 * own machine (a local monitoring agent, {@code curl localhost}) and signed-in staff, not everyone on the hub's
 * network (finding L5).
 */
public final class ObserveGate {
    private final Predicate<String> isStaff;

    /** @param isStaff whether a bearer token belongs to a signed-in member of staff */
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
        if (req.remotePeer().address() instanceof InetSocketAddress peer && peer.getAddress() != null
                && peer.getAddress().isLoopbackAddress()) {
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
}
