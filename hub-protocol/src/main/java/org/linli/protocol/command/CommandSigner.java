package org.linli.protocol.command;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import org.linli.protocol.payload.CommandPayload;
import org.linli.protocol.token.SigningKey;

/**
 * Signs commands for agents with a hub's token-signing key (the key whose public half the hub publishes on
 * {@code access/keys}), as central does before it publishes on {@code devices/{id}/cmd}. Thread-safe.
 *
 * <p>The signature covers {@link #signingInput}: a domain tag and every field, each with its length, so no two
 * commands share an input and no command input can be a token's (token claims are 27 bytes; this is longer).
 */
public final class CommandSigner {
    static final String DOMAIN = "linli-cmd-v1";
    private static final int NONCE_BYTES = 16;

    private final SigningKey key;
    private final SecureRandom random;

    public CommandSigner(SigningKey key) {
        this(key, new SecureRandom());
    }

    CommandSigner(SigningKey key, SecureRandom random) {
        this.key = key;
        this.random = random;
    }

    /**
     * A signed command with a fresh nonce.
     *
     * @param tsMillis central's clock now (epoch ms)
     * @param room the door for {@code unlock}, else null
     * @param durationS for {@code unlock}, else null
     */
    public CommandPayload sign(String device, String id, String cmd, long tsMillis, String room, Integer durationS) {
        byte[] nonceBytes = new byte[NONCE_BYTES];
        random.nextBytes(nonceBytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(nonceBytes);
        CommandPayload unsigned = new CommandPayload(id, cmd, tsMillis, room, durationS, device, nonce, key.kid(), null);
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key.privateKey());
            signature.update(signingInput(unsigned));
            return new CommandPayload(id, cmd, tsMillis, room, durationS, device, nonce, key.kid(),
                    Base64.getEncoder().encodeToString(signature.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with key " + key.kid(), e);
        }
    }

    /** The bytes the signature covers: the domain tag and every field but {@code sig}, each length-prefixed. */
    public static byte[] signingInput(CommandPayload c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        for (String field : new String[] {DOMAIN, c.device(), c.id(), c.cmd(), Long.toString(c.ts()),
                c.room() == null ? "" : c.room(), c.durationS() == null ? "" : c.durationS().toString(), c.nonce(),
                c.kid() == null ? "" : c.kid().toString()}) {
            byte[] bytes = (field == null ? "" : field).getBytes(StandardCharsets.UTF_8);
            out.write(bytes.length >>> 8);
            out.write(bytes.length & 0xff);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
