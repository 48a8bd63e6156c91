package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The OpenAPI document at /openapi lists exactly the routes the services register. */
class OpenApiIT extends CentralIT {
    @Test
    void documentMatchesTheRegisteredRoutes() {
        TestServer.Response response = server.get("/openapi", null);
        assertEquals(200, response.status());
        Map<String, Object> document = new Yaml().load(response.text());
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet()
                .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));

        Set<String> registered = new TreeSet<>();
        for (HttpService service : Main.services(server.server().components())) {
            service.routing(recorder(registered));
        }
        assertTrue(registered.size() > 20, registered.toString());
        assertEquals(registered, documented);
    }

    /** An HttpRules that only writes down "METHOD path" of what a service registers. */
    static HttpRules recorder(Set<String> routes) {
        return (HttpRules) Proxy.newProxyInstance(HttpRules.class.getClassLoader(), new Class<?>[] {HttpRules.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (Set.of("get", "post", "put", "delete", "patch").contains(name) && args != null
                            && args.length > 0 && args[0] instanceof String path) {
                        routes.add(name.toUpperCase(Locale.ROOT) + " " + Main.API + path);
                        return proxy;
                    }
                    throw new UnsupportedOperationException("the OpenAPI check does not know " + name);
                });
    }
}
