package org.linli.protocol.token;

import java.security.GeneralSecurityException;
import java.security.Signature;

/** Signs access tokens and writes them as QR text. Thread-safe. */
public final class TokenSigner {
    private final SigningKey key;

    public TokenSigner(SigningKey key) {
        this.key = key;
    }

    public SigningKey key() {
        return key;
    }

    /** The token's text form ({@code LL1:…}); the token's kid must be this signer's. */
    public String sign(AccessToken token) {
        if (token.kid() != key.kid()) {
            throw new IllegalArgumentException("token names key " + token.kid() + " but this signer holds "
                    + key.kid());
        }
        byte[] claims = TokenFormat.claims(token);
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key.privateKey());
            signature.update(claims);
            return TokenFormat.text(claims, signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with key " + key.kid(), e);
        }
    }
}
