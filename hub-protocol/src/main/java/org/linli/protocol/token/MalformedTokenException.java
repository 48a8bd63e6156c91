package org.linli.protocol.token;

/** Text that is not an access token at all. */
public final class MalformedTokenException extends Exception {
    public MalformedTokenException(String message) {
        super(message);
    }
}
