package org.linli.central;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Reading and driving the service's pages in Chromium, each read in one step in the page (found and read together:
 * a page that draws a list again between a find and a read would leave a stale element).
 */
public final class Pages {
    private static final String COLOURS = resource("/colours.js");

    private Pages() {
    }

    /** The text of the first element the selector finds, trimmed; empty when there is none. */
    public static String text(ChromeDriver chrome, String selector) {
        Object text = chrome.executeScript("const e = document.querySelector(arguments[0]);"
                + " return e ? e.innerText.trim() : '';", selector);
        return text == null ? "" : text.toString();
    }

    /** The computed text colour of the first element the selector finds, e.g. {@code rgb(0, 0, 0)}. */
    public static String colour(ChromeDriver chrome, String selector) {
        return (String) chrome.executeScript(
                "return getComputedStyle(document.querySelector(arguments[0])).color;", selector);
    }

    /** What carries colour outside the page's exceptions ({@code colours.js}): only what is wrong may be coloured. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> colouredOutsideExceptions(ChromeDriver chrome) {
        return (List<Map<String, Object>>) chrome.executeScript(COLOURS + "\nreturn window.linliColoured();");
    }

    /**
     * The smallest text on the page in its own language, as a share of the window's height, and the first 40
     * characters of that text ({@code size}, {@code text}): every visible element with text of its own counts, what
     * stands in the other language beneath ({@code .en}) does not. How a screen read from across a room is checked.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> smallestText(ChromeDriver chrome) {
        return (Map<String, Object>) chrome.executeScript("""
                const h = innerHeight;
                let smallest = null;
                for (const el of document.querySelectorAll('body *')) {
                  if (el.closest('.en') || !el.getClientRects().length) continue;
                  const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
                  if (!own) continue;
                  const size = parseFloat(getComputedStyle(el).fontSize) / h;
                  if (!smallest || size < smallest.size) smallest = {size, text: el.textContent.trim().slice(0, 40)};
                }
                return smallest;""");
    }

    /** Signs a member of staff in by typing at the sign-in page, as a person would. */
    public static void signIn(ChromeDriver chrome, TestServer server, String user) {
        signIn(chrome, server, user, "/login");
    }

    /** The same at another sign-in page, e.g. one with {@code ?next=}. */
    public static void signIn(ChromeDriver chrome, TestServer server, String user, String loginPage) {
        chrome.get(server.uri(loginPage).toString());
        chrome.findElement(By.id("username")).sendKeys(user);
        chrome.findElement(By.id("password")).sendKeys(server.password(user));
        chrome.findElement(By.id("submit")).click();
        await().atMost(Duration.ofSeconds(15)).until(() -> !chrome.getCurrentUrl().contains("/login"));
    }

    private static String resource(String name) {
        try (InputStream in = Pages.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
