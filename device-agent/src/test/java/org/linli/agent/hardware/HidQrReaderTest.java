package org.linli.agent.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.token.AccessToken;
import org.linli.protocol.token.Ed25519Keys;
import org.linli.protocol.token.SigningKey;
import org.linli.protocol.token.TokenSigner;

/** A file of real Linux {@code struct input_event} records, as a USB scanner's event device delivers them. */
class HidQrReaderTest {
    private static final int EV_SYN = 0;
    private static final int EV_KEY = 1;
    private static final int EV_MSC = 4;
    private static final int KEY_LEFTSHIFT = 42;
    private static final int KEY_ENTER = 28;
    /** A timeval of two longs on 64-bit Linux, two ints on 32-bit; then u16 type, u16 code, s32 value. */
    private static final boolean WIDE = "64".equals(System.getProperty("sun.arch.data.model"));
    /** US layout, written out here independently of the reader's own table: character → key code, shifted. */
    private static final Map<Character, int[]> KEYS = new HashMap<>();

    static {
        row("1234567890-=", 2, "!@#$%^&*()_+");
        row("qwertyuiop", 16, "QWERTYUIOP");
        row("asdfghjkl;", 30, "ASDFGHJKL:");
        row("zxcvbnm,./", 44, "ZXCVBNM<>?");
        KEYS.put(' ', new int[] {57, 0});
    }

    @TempDir
    Path dir;

    private static void row(String plain, int first, String shifted) {
        for (int i = 0; i < plain.length(); i++) {
            KEYS.put(plain.charAt(i), new int[] {first + i, 0});
            KEYS.put(shifted.charAt(i), new int[] {first + i, 1});
        }
    }

    @Test
    void typesABookingTokenFromKeyEvents() throws Exception {
        Instant now = Instant.now();
        String token = new TokenSigner(new SigningKey(1, Ed25519Keys.generate())).sign(
                AccessToken.booking(1, 4711, "hub-1", "room-101", now, now.plusSeconds(3600)));
        String other = "LL1:SHORT $%*+-./: 42";
        Path device = dir.resolve("event-kbd");
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        type(events, token);
        type(events, other);
        Files.write(device, events.toByteArray());

        BlockingQueue<String> scans = new LinkedBlockingQueue<>();
        HidQrReader reader = new HidQrReader("room-101", device);
        try {
            reader.start(scans::add);
            assertEquals(token, scans.poll(10, TimeUnit.SECONDS));
            assertEquals(other, scans.poll(10, TimeUnit.SECONDS));
        } finally {
            reader.close();
        }
    }

    /** What a scanner sends per character: a scan-code report, shift, key down, key up, a sync; Enter at the end. */
    private static void type(ByteArrayOutputStream out, String text) {
        for (char c : text.toCharArray()) {
            int[] key = KEYS.get(c);
            if (key == null) {
                throw new IllegalArgumentException("no key for '" + c + "'");
            }
            if (key[1] == 1) {
                event(out, EV_KEY, KEY_LEFTSHIFT, 1);
            }
            event(out, EV_MSC, 4, 0x70000 + key[0]);
            event(out, EV_KEY, key[0], 1);
            event(out, EV_SYN, 0, 0);
            event(out, EV_KEY, key[0], 0);
            if (key[1] == 1) {
                event(out, EV_KEY, KEY_LEFTSHIFT, 0);
            }
            event(out, EV_SYN, 0, 0);
        }
        event(out, EV_KEY, KEY_ENTER, 1);
        event(out, EV_KEY, KEY_ENTER, 0);
        event(out, EV_SYN, 0, 0);
    }

    private static void event(ByteArrayOutputStream out, int type, int code, int value) {
        ByteBuffer b = ByteBuffer.allocate(WIDE ? 24 : 16).order(ByteOrder.nativeOrder());
        long micros = System.currentTimeMillis() * 1000;
        if (WIDE) {
            b.putLong(micros / 1_000_000).putLong(micros % 1_000_000);
        } else {
            b.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000));
        }
        b.putShort((short) type).putShort((short) code).putInt(value);
        out.writeBytes(b.array());
    }
}
