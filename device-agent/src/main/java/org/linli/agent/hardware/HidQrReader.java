package org.linli.agent.hardware;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A USB HID (keyboard-emulating) scanner read from its Linux input-event device, e.g.
 * {@code /dev/input/by-id/usb-…-event-kbd}: key presses become characters, Enter ends a scan. Only the characters of
 * token text (Base45 and a URL's) are mapped, with a US layout, which is what scanners send by default.
 */
public final class HidQrReader implements QrReader {
    private static final int EV_KEY = 1;
    private static final int KEY_ENTER = 28;
    private static final int KEY_LEFTSHIFT = 42;
    private static final int KEY_RIGHTSHIFT = 54;
    private static final String[] PLAIN = new String[128];
    private static final String[] SHIFTED = new String[128];

    static {
        map("1234567890-=", 2, "!@#$%^&*()_+");
        map("qwertyuiop", 16, "QWERTYUIOP");
        map("asdfghjkl;'", 30, "ASDFGHJKL:\"");
        map("zxcvbnm,./", 44, "ZXCVBNM<>?");
        PLAIN[57] = " ";
        SHIFTED[57] = " ";
    }

    private final String name;
    private final Path device;
    private final LineQrReader lines;

    public HidQrReader(String name, Path device) {
        this.name = name;
        this.device = device;
        this.lines = new LineQrReader(name, () -> new KeyTextStream(Files.newInputStream(device)));
    }

    private static void map(String plain, int firstCode, String shifted) {
        for (int i = 0; i < plain.length(); i++) {
            PLAIN[firstCode + i] = String.valueOf(plain.charAt(i));
            SHIFTED[firstCode + i] = String.valueOf(shifted.charAt(i));
        }
    }

    @Override
    public void start(Consumer<String> onText) {
        lines.start(onText);
    }

    @Override
    public void close() {
        lines.close();
    }

    @Override
    public String toString() {
        return "HID reader " + name + " on " + device;
    }

    /** Turns {@code struct input_event} records into the text they type, a line per scan. */
    static final class KeyTextStream extends InputStream {
        /** {@code struct input_event}: a timeval (16 bytes on 64-bit, 8 on 32-bit), u16 type, u16 code, s32 value. */
        private static final int EVENT_SIZE = "64".equals(System.getProperty("sun.arch.data.model")) ? 24 : 16;

        private final DataInputStream in;
        private final byte[] event = new byte[EVENT_SIZE];
        private boolean shift;
        private byte[] pending = new byte[0];
        private int pos;

        KeyTextStream(InputStream in) {
            this.in = new DataInputStream(in);
        }

        @Override
        public int read() throws IOException {
            while (pos >= pending.length) {
                try {
                    in.readFully(event);
                } catch (EOFException end) {
                    return -1;
                }
                pending = translate(ByteBuffer.wrap(event).order(ByteOrder.nativeOrder()));
                pos = 0;
            }
            return pending[pos++] & 0xff;
        }

        private byte[] translate(ByteBuffer e) {
            int type = e.getShort(EVENT_SIZE - 8) & 0xffff;
            int code = e.getShort(EVENT_SIZE - 6) & 0xffff;
            int value = e.getInt(EVENT_SIZE - 4);
            if (type != EV_KEY) {
                return new byte[0];
            }
            if (code == KEY_LEFTSHIFT || code == KEY_RIGHTSHIFT) {
                shift = value != 0;
                return new byte[0];
            }
            if (value != 1) {
                return new byte[0];
            }
            if (code == KEY_ENTER) {
                return new byte[] {'\n'};
            }
            String text = code < PLAIN.length ? (shift ? SHIFTED[code] : PLAIN[code]) : null;
            return text == null ? new byte[0] : text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
