package org.linli.protocol.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base45Test {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"AB|BB8", "Hello!!|%69 VD92EX0", "base-45|UJCLQE7W581", "ietf!|QED8WEX0"})
    void matchesTheExamplesOfRfc9285(String plain, String encoded) {
        assertEquals(encoded, Base45.encode(plain.getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(plain.getBytes(StandardCharsets.US_ASCII), Base45.decode(encoded));
    }

    @Test
    void roundTripsRandomBytes() {
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            byte[] bytes = new byte[random.nextInt(120)];
            random.nextBytes(bytes);
            assertArrayEquals(bytes, Base45.decode(Base45.encode(bytes)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "GGW", "::::", "ab8", "BB#", "BB\u00e9"})
    void rejectsTextThatIsNotBase45(String text) {
        assertThrows(IllegalArgumentException.class, () -> Base45.decode(text));
    }
}
