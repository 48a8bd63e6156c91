package org.linli.e2e.soak;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.linli.central.StaffBrowser;
import org.linli.protocol.testing.HeadlessChromium;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The operator dashboard and the now-serving board, each in a window of its own in one headless Chromium, open for
 * the whole soak as on the hub's screens. Between samples nothing touches them: they live on their event streams.
 * A sample asks each page, through the DevTools protocol, to collect its garbage and then for its JavaScript heap,
 * its DOM nodes and its event listeners: the three that grow when a page leaks.
 */
final class StaffScreens implements AutoCloseable {
    /** What one page holds after a garbage collection. */
    record Page(long jsHeapKb, long domNodes, long listeners) {
    }

    private final ChromeDriver chrome;
    private final String dashboard;
    private final String board;

    StaffScreens(Path profile, URI central, String operatorToken, String hub) {
        chrome = HeadlessChromium.start(profile, 1600, 1000);
        // the token for the pages' API calls and the cookie their event streams are authorised by, as after a login
        StaffBrowser.signIn(chrome, central.resolve("/login").toString(), operatorToken, "zh");
        chrome.get(central.resolve("/?hub=" + hub).toString());
        dashboard = chrome.getWindowHandle();
        chrome.executeCdpCommand("Performance.enable", Map.of());
        // a window, not a tab: a background tab's timers are throttled, and the board is never in the background
        chrome.switchTo().newWindow(WindowType.WINDOW);
        chrome.get(central.resolve("/board/" + hub).toString());
        board = chrome.getWindowHandle();
        chrome.executeCdpCommand("Performance.enable", Map.of());
    }

    Page dashboard() {
        return page(dashboard);
    }

    Page board() {
        return page(board);
    }

    private Page page(String window) {
        chrome.switchTo().window(window);
        chrome.executeCdpCommand("HeapProfiler.collectGarbage", Map.of());
        Map<String, Object> answer = chrome.executeCdpCommand("Performance.getMetrics", Map.of());
        long heap = -1;
        long nodes = -1;
        long listeners = -1;
        for (Object item : (List<?>) answer.get("metrics")) {
            Map<?, ?> metric = (Map<?, ?>) item;
            long value = ((Number) metric.get("value")).longValue();
            switch (String.valueOf(metric.get("name"))) {
                case "JSHeapUsedSize" -> heap = value / 1024;
                case "Nodes" -> nodes = value;
                case "JSEventListeners" -> listeners = value;
                default -> { }
            }
        }
        return new Page(heap, nodes, listeners);
    }

    /** The pids of the browser's own processes (not the driver's), which the soak samples as one program. */
    List<Long> browserPids() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("chrom") && !c.contains("chromedriver"))
                        .orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    @Override
    public void close() {
        chrome.quit();
    }
}
