package org.linli.protocol.token;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The token's text and binary forms. Binary: 27 bytes of claims followed by a 64-byte Ed25519 signature over them.
 * <pre>
 *  0      version (high nibble) | type (low nibble)
 *  1..2   kid, unsigned big-endian
 *  3..10  subject, big-endian
 *  11..14 hub tag
 *  15..18 room tag (0 for a resident card)
 *  19..22 not-before, unsigned epoch seconds
 *  23..26 expiry, unsigned epoch seconds
 *  27..90 signature
 * </pre>
 * Text: {@value #PREFIX} followed by the Base45 of the 91 bytes (141 characters: QR version 6 at level M).
 * Base45 has a space in its alphabet, but never at the end here: the odd last byte becomes two characters of which
 * the last is {@code 0}..{@code 5}. So trimming white space around a scanned text (readers add CR/LF) is safe.
 */
public final class TokenFormat {
    public static final String PREFIX = "LL1:";
    static final int CLAIMS_LENGTH = 27;
    static final int SIGNATURE_LENGTH = 64;
    static final int TOTAL_LENGTH = CLAIMS_LENGTH + SIGNATURE_LENGTH;
    /** No token text is longer; longer input is rejected before any work. */
    public static final int TEXT_LENGTH = PREFIX.length() + TOTAL_LENGTH / 2 * 3 + 2;

    private TokenFormat() {
    }

    static byte[] claims(AccessToken token) {
        return ByteBuffer.allocate(CLAIMS_LENGTH)
                .put((byte) ((token.version() << 4) | token.type().code()))
                .putShort((short) token.kid())
                .putLong(token.subject())
                .putInt(token.hubTag())
                .putInt(token.roomTag())
                .putInt((int) token.notBefore())
                .putInt((int) token.expiry())
                .array();
    }

    static String text(byte[] claims, byte[] signature) {
        byte[] all = Arrays.copyOf(claims, TOTAL_LENGTH);
        System.arraycopy(signature, 0, all, CLAIMS_LENGTH, SIGNATURE_LENGTH);
        return PREFIX + Base45.encode(all);
    }

    /** Claims and signature as read from text, before any check of the signature. */
    record Parsed(AccessToken token, byte[] claims, byte[] signature) {
    }

    /**
     * Reads a token's text without checking its signature.
     *
     * @throws MalformedTokenException when the text is not a well-formed token
     */
    public static AccessToken parse(String text) throws MalformedTokenException {
        return read(text).token();
    }

    static Parsed read(String text) throws MalformedTokenException {
        if (text == null) {
            throw new MalformedTokenException("no text");
        }
        String trimmed = text.strip();
        if (!trimmed.startsWith(PREFIX)) {
            throw new MalformedTokenException("not a Linli token (it does not start with " + PREFIX + ")");
        }
        if (trimmed.length() != TEXT_LENGTH) {
            throw new MalformedTokenException("a token has " + TEXT_LENGTH + " characters, this has "
                    + trimmed.length());
        }
        byte[] all;
        try {
            all = Base45.decode(trimmed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new MalformedTokenException("not Base45: " + e.getMessage());
        }
        if (all.length != TOTAL_LENGTH) {
            throw new MalformedTokenException("a token has " + TOTAL_LENGTH + " bytes, this has " + all.length);
        }
        ByteBuffer in = ByteBuffer.wrap(all);
        int head = in.get() & 0xff;
        int version = head >>> 4;
        if (version != AccessToken.VERSION) {
            throw new MalformedTokenException("unknown token version " + version);
        }
        TokenType type = TokenType.byCode(head & 0x0f);
        if (type == null) {
            throw new MalformedTokenException("unknown token type " + (head & 0x0f));
        }
        int kid = in.getShort() & 0xffff;
        long subject = in.getLong();
        int hubTag = in.getInt();
        int roomTag = in.getInt();
        long notBefore = in.getInt() & 0xffff_ffffL;
        long expiry = in.getInt() & 0xffff_ffffL;
        AccessToken token;
        try {
            token = new AccessToken(version, type, kid, subject, hubTag, roomTag, notBefore, expiry);
        } catch (IllegalArgumentException e) {
            throw new MalformedTokenException(e.getMessage());
        }
        return new Parsed(token, Arrays.copyOf(all, CLAIMS_LENGTH),
                Arrays.copyOfRange(all, CLAIMS_LENGTH, TOTAL_LENGTH));
    }
}
