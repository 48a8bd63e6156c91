package org.linli.agent.door;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.interfaces.EdECPublicKey;
import java.util.Map;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.linli.protocol.token.Ed25519Keys;

/**
 * Ed25519 verification by Bouncy Castle's RFC 8032 code instead of the JDK's, for the door's reader-to-relay path.
 *
 * <p>Why: the agent runs C1 only ({@code -XX:TieredStopAtLevel=1}, see the README), and there the JDK's Ed25519
 * (generic field arithmetic, allocating as it goes) takes ~2.2 ms per verification on the benchmark machine,
 * which was nearly all of a scan's p50; Bouncy Castle's takes ~0.15 ms. {@code TokenVerifier} in hub-protocol asks
 * the JCA for "Ed25519"; this provider, put first, answers that one name for public keys only, so signing (the
 * warm-up's throw-away token), key parsing, hashing and TLS stay with the JDK. It calls {@link Ed25519} directly, not
 * Bouncy Castle's JCA provider, which would load hundreds of classes more.
 *
 * <p>The same test vectors as the JDK's verifier pass ({@code FastEd25519Test}).
 */
public final class FastEd25519 {
    static final String NAME = "LinliEd25519Verify";
    private static final System.Logger LOG = System.getLogger(FastEd25519.class.getName());
    private static final byte[] SELF_TEST = "linli door self-test".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FORGED = "linli door self-tesT".getBytes(StandardCharsets.US_ASCII);

    private FastEd25519() {
    }

    /**
     * Puts the provider first for Ed25519 verification in this JVM (once), after checking that it verifies a
     * signature of the JDK's and refuses a forged one. If it does not (a class missing from the slimmed jar in lib/,
     * see the pom), the JDK's Ed25519 stays in place: slower doors, never locked ones.
     *
     * @return whether the provider is installed
     */
    public static synchronized boolean install() {
        if (Security.getProvider(NAME) != null) {
            return true;
        }
        try {
            KeyPair pair = Ed25519Keys.generate();
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(pair.getPrivate());
            signer.update(SELF_TEST);
            byte[] signature = signer.sign();
            if (!selfTest(pair.getPublic(), SELF_TEST, signature) || selfTest(pair.getPublic(), FORGED, signature)) {
                throw new IllegalStateException("its verdicts differ from the JDK's");
            }
        } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "Bouncy Castle Ed25519 unusable, doors verify with the JDK's", e);
            return false;
        }
        Security.insertProviderAt(new Verifications(), 1);
        return true;
    }

    private static boolean selfTest(PublicKey key, byte[] message, byte[] signature) throws GeneralSecurityException {
        Verify verify = new Verify();
        verify.engineInitVerify(key);
        verify.engineUpdate(message, 0, message.length);
        return verify.engineVerify(signature);
    }

    private static final class Verifications extends Provider {
        Verifications() {
            super(NAME, "1", "Ed25519 verification by Bouncy Castle's RFC 8032 code");
            // the JCA offers this provider only for public keys, so signing goes on to the JDK's
            putService(new Service(this, "Signature", "Ed25519", Verify.class.getName(), null,
                    Map.of("SupportedKeyClasses", EdECPublicKey.class.getName())));
        }
    }

    /** Verification only; made by the JCA through its public no-argument constructor. */
    public static final class Verify extends SignatureSpi {
        private final ByteArrayOutputStream message = new ByteArrayOutputStream(256);
        private Ed25519.PublicPoint key;

        public Verify() {
            // for the JCA
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            if (!(publicKey instanceof EdECPublicKey ed) || !"Ed25519".equalsIgnoreCase(ed.getParams().getName())) {
                throw new InvalidKeyException("not an Ed25519 public key");
            }
            Ed25519.PublicPoint point = Ed25519.validatePublicKeyPartialExport(Ed25519Keys.rawPublic(publicKey), 0);
            if (point == null) {
                throw new InvalidKeyException("not a point of Ed25519");
            }
            key = point;
            message.reset();
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            throw new InvalidKeyException("this provider only verifies");
        }

        @Override
        protected void engineUpdate(byte b) {
            message.write(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {
            message.write(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            throw new SignatureException("this provider only verifies");
        }

        @Override
        protected boolean engineVerify(byte[] signature) throws SignatureException {
            if (key == null) {
                throw new SignatureException("not initialised for verification");
            }
            byte[] m = message.toByteArray();
            message.reset();
            return signature.length == Ed25519.SIGNATURE_SIZE && Ed25519.verify(signature, 0, key, m, 0, m.length);
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new UnsupportedOperationException();
        }
    }
}
