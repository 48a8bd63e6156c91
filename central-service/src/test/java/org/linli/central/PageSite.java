package org.linli.central;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.linli.protocol.testing.HeadlessChromium;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.HubTime;
import org.linli.protocol.testing.MosquittoBroker;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What a page test runs against, each part started when the test asks for it, in a directory of its own below the
 * test's temporary one, and closed after the test whatever it started (Chromium first, then the service, then the
 * broker): {@code @RegisterExtension final PageSite site = new PageSite(() -> dir);} with {@code dir} the test's
 * {@code @TempDir}, read only when a part starts.
 */
final class PageSite implements AfterEachCallback {
    private final Supplier<Path> dir;
    private final List<AutoCloseable> started = new ArrayList<>();

    PageSite(Supplier<Path> dir) {
        this.dir = dir;
    }

    /** A clock held at that time in a zone, on the day of {@link HubTime#noon()}: pages are tested at 10:24. */
    static HubClock heldAt(int hour, int minute, ZoneId zone) {
        return new HubClock(HubTime.noon().local().toLocalDate().atTime(hour, minute).atZone(zone).toInstant(), zone);
    }

    /** A Mosquitto that lets anyone in, as the central service's tests need it. */
    MosquittoBroker broker() {
        return keep(MosquittoBroker.start(dir.get().resolve("broker"), "allow_anonymous true"));
    }

    TestServer central(Map<String, String> config, HubClock clock) {
        return keep(TestServer.start(dir.get().resolve("data"), config, clock));
    }

    /** The service held at noon in Shanghai ({@link TestServer#start(Path)}). */
    TestServer central() {
        return keep(TestServer.start(dir.get().resolve("data")));
    }

    ChromeDriver chrome(int width, int height) {
        ChromeDriver chrome = HeadlessChromium.start(dir.get().resolve("chrome"), width, height);
        keep(chrome::quit);
        return chrome;
    }

    private <T extends AutoCloseable> T keep(T part) {
        started.add(part);
        return part;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception first = null;
        for (AutoCloseable part : started.reversed()) {
            try {
                part.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        started.clear();
        if (first != null) {
            throw first;
        }
    }
}
