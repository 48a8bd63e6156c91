package org.linli.protocol.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven by Debian's chromedriver, headless, for browser tests. Nothing is downloaded: Selenium
 * Manager is bypassed by naming both binaries, and Chromium's background networking is off (this machine's network
 * refuses it).
 */
public final class HeadlessChromium {
    private static final List<Path> BROWSERS = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"),
            Path.of("/usr/bin/google-chrome"));
    private static final List<Path> DRIVERS = List.of(Path.of("/usr/bin/chromedriver"),
            Path.of("/usr/lib/chromium/chromedriver"));

    private HeadlessChromium() {
    }

    /** A new browser with a fresh profile in {@code profileDir}, at the given window size, set up for Chinese. */
    public static ChromeDriver start(Path profileDir, int width, int height) {
        return start(profileDir, width, height, "zh-CN,zh");
    }

    /**
     * A new browser whose user prefers {@code languages} (as in Accept-Language, e.g. {@code "en-GB,en"}): what
     * {@code navigator.languages} says and the header it sends. Headless Chromium ignores {@code --lang}, so this
     * goes through the profile's preferences.
     */
    public static ChromeDriver start(Path profileDir, int width, int height, String languages) {
        return start(profileDir, width, height, languages, java.util.List.of());
    }

    /**
     * The same, with more command-line switches (e.g. {@code --ignore-certificate-errors-spki-list=…}, which trusts
     * one test server's own certificate and no other).
     */
    public static ChromeDriver start(Path profileDir, int width, int height, String languages,
            java.util.List<String> switches) {
        Path browser = first(BROWSERS, "chromium (apt-get install chromium)");
        Path driver = first(DRIVERS, "chromedriver (apt-get install chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--lang=" + languages.split(",")[0],
                // charts drawn at once, not grown over a second: a picture or a read shows them whole
                "--force-prefers-reduced-motion",
                "--accept-lang=" + languages, "--window-size=" + width + "," + height,
                "--user-data-dir=" + profileDir.toAbsolutePath());
        options.addArguments(switches);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", languages));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return chrome;
    }

    /** Writes a PNG of what the browser shows. */
    public static void screenshot(ChromeDriver chrome, Path png) {
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.write(png, chrome.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path first(List<Path> candidates, String what) {
        return candidates.stream().filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException(what + " is not installed; ./linli test installs it"));
    }
}
