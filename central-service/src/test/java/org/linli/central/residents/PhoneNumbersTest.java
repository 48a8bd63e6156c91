package org.linli.central.residents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** One resident per phone however it is typed; the keyed hash is stable and depends on the secret. */
class PhoneNumbersTest {
    private final PhoneNumbers phones = new PhoneNumbers("a secret of the server".getBytes(StandardCharsets.UTF_8));

    @Test
    void normalisesTheSpellingsOfOneNumber() {
        assertEquals("+8613800138000", PhoneNumbers.normalise("138 0013 8000"));
        assertEquals("+8613800138000", PhoneNumbers.normalise("+86 138-0013-8000"));
        assertEquals("+8613800138000", PhoneNumbers.normalise("008613800138000"));
        assertEquals("02164371234", PhoneNumbers.normalise("(021) 6437 1234"));
        assertNull(PhoneNumbers.normalise("12345"));
        assertNull(PhoneNumbers.normalise("138 0013 800a"));
    }

    @Test
    void theHashIsTheSameEveryTimeAndDependsOnTheSecret() {
        String first = phones.hmac("+8613800138000");
        for (int i = 0; i < 3; i++) {
            assertEquals(first, phones.hmac("+8613800138000"));
        }
        assertNotEquals(first, phones.hmac("+8613800138001"));
        assertNotEquals(first, new PhoneNumbers("another secret".getBytes(StandardCharsets.UTF_8))
                .hmac("+8613800138000"));
        assertEquals(64, first.length());
    }

    @Test
    void theHashIsPlainHmacSha256SoStoredResidentsAreFoundAgain() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("a secret of the server".getBytes(StandardCharsets.UTF_8),
                "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(mac.doFinal("+8613800138000"
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, phones.hmac("+8613800138000"));
    }
}
