package org.linli.protocol.token;

import java.io.ByteArrayOutputStream;

/** Base45 (RFC 9285): bytes as QR-alphanumeric text, 3 characters for every 2 bytes. */
public final class Base45 {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    private static final int[] VALUE = new int[128];

    static {
        java.util.Arrays.fill(VALUE, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUE[ALPHABET.charAt(i)] = i;
        }
    }

    private Base45() {
    }

    public static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length + 1) / 2 * 3);
        int i = 0;
        for (; i + 1 < bytes.length; i += 2) {
            int n = ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff);
            out.append(ALPHABET.charAt(n % 45)).append(ALPHABET.charAt(n / 45 % 45)).append(ALPHABET.charAt(n / 2025));
        }
        if (i < bytes.length) {
            int n = bytes[i] & 0xff;
            out.append(ALPHABET.charAt(n % 45)).append(ALPHABET.charAt(n / 45));
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException when the text is not valid Base45 */
    public static byte[] decode(CharSequence text) {
        int length = text.length();
        if (length % 3 == 1) {
            throw new IllegalArgumentException("Base45 text has an impossible length " + length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length / 3 * 2 + 1);
        int i = 0;
        for (; i + 2 < length; i += 3) {
            int n = value(text, i) + value(text, i + 1) * 45 + value(text, i + 2) * 2025;
            if (n > 0xffff) {
                throw new IllegalArgumentException("Base45 group at " + i + " is out of range");
            }
            out.write(n >> 8);
            out.write(n & 0xff);
        }
        if (i < length) {
            int n = value(text, i) + value(text, i + 1) * 45;
            if (n > 0xff) {
                throw new IllegalArgumentException("Base45 tail is out of range");
            }
            out.write(n);
        }
        return out.toByteArray();
    }

    private static int value(CharSequence text, int index) {
        char c = text.charAt(index);
        int v = c < 128 ? VALUE[c] : -1;
        if (v < 0) {
            throw new IllegalArgumentException("character " + index + " is not Base45");
        }
        return v;
    }
}
