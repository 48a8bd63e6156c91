package org.linli.protocol.payload;

/**
 * {@code devices/{id}/cmd}: a command for an agent, signed by central ({@link org.linli.protocol.command}). Each is
 * answered by an event whose {@code reason} carries the id. An agent carries out only a command whose signature
 * verifies with one of its hub's published keys, that names it, that is fresh and that it has not seen before;
 * anything else is answered {@code command.refused} with why.
 *
 * @param cmd {@code unlock}, {@code identify} or {@code reload}
 * @param ts when central signed it (epoch ms); an agent refuses it outside a short window around its clock
 * @param room the door for {@code unlock}, else null
 * @param durationS how long to keep the door unlocked (the agent caps it), else null
 * @param device the device it is for (signed, so it cannot be moved to another device's topic)
 * @param nonce 16 random bytes, base64url without padding; an agent remembers it and refuses it a second time
 * @param kid the id of the hub key that signed it, as in {@code access/keys}
 * @param sig the Ed25519 signature (base64) over {@link org.linli.protocol.command.CommandSigner#signingInput}
 */
public record CommandPayload(String id, String cmd, long ts, String room, Integer durationS, String device,
        String nonce, Integer kid, String sig) implements Payload {
    public static final String UNLOCK = "unlock";
    public static final String IDENTIFY = "identify";
    public static final String RELOAD = "reload";

    /** An unsigned command, as agents before the signed format took them; they are refused now. */
    public CommandPayload(String id, String cmd, long ts, String room, Integer durationS) {
        this(id, cmd, ts, room, durationS, null, null, null, null);
    }

    /** Whether it carries every field of a signature (not whether the signature is good). */
    public boolean signed() {
        return device != null && nonce != null && kid != null && sig != null;
    }
}
