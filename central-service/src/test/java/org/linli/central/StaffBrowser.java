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
}
