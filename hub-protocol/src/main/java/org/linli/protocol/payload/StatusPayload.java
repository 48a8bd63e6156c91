package org.linli.protocol.payload;

/** {@code devices/{id}/status}, retained; the offline form is the agent's Last Will. */
public record StatusPayload(String state, long ts, String version) implements Payload {
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";

    public boolean online() {
        return ONLINE.equals(state);
    }
}
