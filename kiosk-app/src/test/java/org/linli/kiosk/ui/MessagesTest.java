package org.linli.kiosk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MessagesTest {
    final I18n i18n = new I18n(I18n.CHINESE);

    @Test
    void bothLanguagesHaveEveryText() {
        var zh = new TreeSet<>(i18n.bundle(I18n.CHINESE).keySet());
        var en = new TreeSet<>(i18n.bundle(I18n.ENGLISH).keySet());
        assertEquals(zh, en);
    }

    /**
     * A properties file drops the spaces a value starts with: "rooms.tomorrow= (tomorrow)" put "6 December(tomorrow)"
     * on screen. A value that must begin with a space writes it as \u0020.
     */
    @Test
    void noValueStartsWithASpaceThatTheFileWouldDrop() throws IOException {
        for (String language : List.of("zh", "en")) {
            try (InputStream in = I18n.class.getResourceAsStream("messages_" + language + ".properties")) {
                List<String> dropped = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .filter(line -> line.matches("[^#!][^=]*=[ \t]+\\S.*")).toList();
                assertEquals(List.of(), dropped, language);
            }
        }
        i18n.toggle();
        assertTrue(i18n.get("rooms.tomorrow").startsWith(" "), "'" + i18n.get("rooms.tomorrow") + "'");
    }

    /**
     * The privacy notices promise only what the service does: it keeps a resident's number as a keyed hash and its
     * last four digits, so nobody can call or text them with it (the booking and sign-up notices said "to contact
     * you" and "to tell you of changes").
     */
    @Test
    void noPrivacyNoticePromisesToContactTheResident() {
        var promises = new TreeSet<String>();
        for (var language : List.of(I18n.CHINESE, I18n.ENGLISH)) {
            var bundle = i18n.bundle(language);
            for (String key : bundle.keySet()) {
                String text = bundle.getString(key);
                if ((key.startsWith("privacy.") || key.startsWith("consent.")) && Pattern.compile("联系您|通知您|contact you|tell you").matcher(text)
                        .find()) {
                    promises.add(key + "=" + text);
                }
            }
        }
        assertEquals(new TreeSet<String>(), promises);
    }

    /**
     * The privacy notice a new phone number is asked to agree to says, in both languages, what is kept, why, for how
     * long (the retention job's default year) and that the counter shows or erases it; its button says what it does.
     */
    @Test
    void theConsentNoticeSaysWhatIsKeptWhyHowLongAndWhereToAsk() {
        var zh = i18n.bundle(I18n.CHINESE);
        var en = i18n.bundle(I18n.ENGLISH);
        for (String key : List.of("consent.title", "consent.kept", "consent.why", "consent.howLong",
                "consent.counter", "consent.agree", "consent.back")) {
            assertTrue(!zh.getString(key).isBlank() && !en.getString(key).isBlank(), key);
        }
        assertEquals("同意并继续", zh.getString("consent.agree"));
        assertEquals("Agree and continue", en.getString("consent.agree"));
        assertTrue(zh.getString("consent.kept").contains("后四位") && en.getString("consent.kept").contains("last four"));
        assertTrue(zh.getString("consent.howLong").contains("一年") && en.getString("consent.howLong").contains("year"));
        assertTrue(zh.getString("consent.counter").contains("服务台")
                && en.getString("consent.counter").contains("counter"));
        assertTrue(zh.getString("consent.back").contains("返回") && en.getString("consent.back").contains("back"));
    }

    /**
     * What a resident who reads only one of the languages meets: no Chinese in the English texts and no English word
     * in the Chinese ones, but the button that switches to the other language, which names it in its own script.
     */
    @Test
    void eachLanguageKeepsToItsOwnScript() {
        Pattern han = Pattern.compile("\\p{IsHan}");
        Pattern word = Pattern.compile("[A-Za-z]{2,}");
        var zh = i18n.bundle(I18n.CHINESE);
        var en = i18n.bundle(I18n.ENGLISH);
        var leaks = new TreeSet<String>();
        for (String key : zh.keySet()) {
            if (key.equals("language.other") || key.startsWith("format.")) {
                continue;
            }
            if (word.matcher(zh.getString(key)).find()) {
                leaks.add("zh " + key + "=" + zh.getString(key));
            }
            if (han.matcher(en.getString(key)).find()) {
                leaks.add("en " + key + "=" + en.getString(key));
            }
        }
        assertEquals(new TreeSet<>(), leaks);
    }

    @Test
    void theSwitchChangesTextsThatAreBound() {
        var binding = i18n.text("home.checkin");
        assertEquals("签到", binding.get());
        i18n.toggle();
        assertEquals("Check in", binding.get());
        assertNotEquals(i18n.get("queue.ahead", 3), "queue.ahead");
        assertEquals("3 people ahead of you", i18n.get("queue.ahead", 3));
    }
}
