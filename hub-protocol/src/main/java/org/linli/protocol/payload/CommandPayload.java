package org.linli.protocol.payload;

/**
 * {@code devices/{id}/cmd}: a command for an agent. Each is answered by an event whose {@code reason} carries the id.
 *
 * @param cmd {@code unlock}, {@code identify} or {@code reload}
 * @param room the door for {@code unlock}, else null
 * @param durationS how long to keep the door unlocked (the agent caps it), else null
 */
public record CommandPayload(String id, String cmd, long ts, String room, Integer durationS) implements Payload {
    public static final String UNLOCK = "unlock";
    public static final String IDENTIFY = "identify";
    public static final String RELOAD = "reload";
}
