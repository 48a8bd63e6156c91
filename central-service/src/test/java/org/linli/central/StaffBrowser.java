package org.linli.central;

import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;

/** The staff pages' tests in Chromium: a member of staff signed in without typing at the login form each time. */
public final class StaffBrowser {
    private StaffBrowser() {
    }

    /**
     * Signs a member of staff in as the login page does, in a language ({@code zh}, {@code en}): the token where
     * the pages' script keeps it and the session cookie the server sets at sign-in (HttpOnly), in place of whoever
     * was signed in before. The next page opened loads signed in.
     *
     * @param login the login page's address, e.g. {@code server.uri("/login").toString()}
     */
    public static void signIn(ChromeDriver chrome, String login, String token, String language) {
        chrome.get(login);
        chrome.executeScript("localStorage.clear(); Linli.signIn(arguments[0]);"
                + " localStorage.setItem('linli.lang', arguments[1]);", token, language);
        chrome.manage().deleteAllCookies();
        chrome.manage().addCookie(new Cookie("linli_token", token, "/"));
    }

    /**
     * Asserts that the staff header is one row and inside the window: "Sign out" (the last thing in it) level with
     * the title, not wrapped under it, nothing wider than the window, and the title cut short only when there is no
     * room left beside it.
     */
    public static void assertHeaderOnOneRow(ChromeDriver chrome, String page) {
        Object fits = chrome.executeScript("const h = document.querySelector('header.bar h1').getBoundingClientRect();"
                + " const out = document.getElementById('logout').getBoundingClientRect();"
                + " const title = document.querySelector('header.bar h1');"
                + " const spacer = document.querySelector('header.bar .spacer');"
                + " const cut = title.scrollWidth > title.clientWidth"
                + " && spacer && spacer.getBoundingClientRect().width > 2;"
                + " return out.right <= innerWidth && out.top < h.bottom && h.top < out.bottom"
                + " && document.documentElement.scrollWidth <= innerWidth && !cut;");
        org.junit.jupiter.api.Assertions.assertEquals(Boolean.TRUE, fits,
                page + ": the header is one row with Sign out in the window at " + chrome.executeScript(
                        "return innerWidth") + " px");
    }
}
