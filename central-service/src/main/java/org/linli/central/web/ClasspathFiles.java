package org.linli.central.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves files from a classpath folder (the pages' own files, WebJars). Files found are read once and kept: there
 * are few and they never change while the server runs. Misses are not kept: anyone may ask for any name before
 * signing in, and remembering each would fill the heap (finding M7).
 */
public final class ClasspathFiles {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=UTF-8",
            "css", "text/css; charset=UTF-8",
            "js", "text/javascript; charset=UTF-8",
            "json", "application/json",
            "png", "image/png",
            "svg", "image/svg+xml",
            "map", "application/json",
            "woff2", "font/woff2");

    private final String root;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    public ClasspathFiles(String root) {
        this.root = root;
    }

    /** Sends {@code relative} (below the root) or a 404. */
    public void send(String relative, ServerResponse res) {
        Optional<byte[]> file = read(relative);
        if (file.isEmpty()) {
            res.status(Status.NOT_FOUND_404).send("not found");
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, type(relative));
        res.header(HeaderNames.CACHE_CONTROL, relative.endsWith(".html") ? "no-cache" : "max-age=3600");
        res.send(file.get());
    }

    /** A handler for {@code prefix/*} that maps the rest of the path below the root. */
    public void serve(String prefix, ServerRequest req, ServerResponse res) {
        String path = req.path().path();
        send(path.length() > prefix.length() ? path.substring(prefix.length() + 1) : "", res);
    }

    Optional<byte[]> read(String relative) {
        if (relative.isEmpty() || relative.contains("..") || relative.contains("\\") || relative.startsWith("/")) {
            return Optional.empty();
        }
        byte[] hit = cache.get(relative);
        if (hit != null) {
            return Optional.of(hit);
        }
        Optional<byte[]> loaded = load(relative);
        loaded.ifPresent(bytes -> cache.putIfAbsent(relative, bytes));
        return loaded;
    }

    /** How many files are kept. */
    int cached() {
        return cache.size();
    }

    private Optional<byte[]> load(String relative) {
        try (InputStream in = ClasspathFiles.class.getClassLoader().getResourceAsStream(root + "/" + relative)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String type(String name) {
        int dot = name.lastIndexOf('.');
        return TYPES.getOrDefault(dot < 0 ? "" : name.substring(dot + 1), "application/octet-stream");
    }
}
