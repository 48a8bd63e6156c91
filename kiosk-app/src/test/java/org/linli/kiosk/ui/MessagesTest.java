package org.linli.kiosk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MessagesTest {
    final I18n i18n = new I18n(I18n.CHINESE);

    @Test
    void bothLanguagesHaveEveryText() {
        var zh = new TreeSet<>(i18n.bundle(I18n.CHINESE).keySet());
        var en = new TreeSet<>(i18n.bundle(I18n.ENGLISH).keySet());
        assertEquals(zh, en);
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
