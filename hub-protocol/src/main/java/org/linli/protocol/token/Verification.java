package org.linli.protocol.token;

/**
 * A verdict, the token's claims where they could be read (null when {@link Verdict#MALFORMED}) and a plain-words
 * detail for the log.
 */
public record Verification(Verdict verdict, AccessToken token, String detail) {
    public boolean valid() {
        return verdict == Verdict.VALID;
    }
}
