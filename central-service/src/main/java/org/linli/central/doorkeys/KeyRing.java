package org.linli.central.doorkeys;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import org.linli.protocol.token.Ed25519Keys;
import org.linli.protocol.token.SigningKey;
import org.linli.protocol.token.TokenType;

/**
 * What the signing-key file holds: the current key, which signs everything from now on, and the keys being retired,
 * each still accepted until its instants (decision 0021). A file of one key ({@code kid}, {@code seed}), as every
 * central wrote before rotation existed, is a ring without retiring keys.
 *
 * <pre>
 * kid=2
 * seed=BASE64
 * retiring.1.seed=BASE64
 * retiring.1.doors-until=2026-12-20T16:00:00Z   booking tokens: doors and kiosks take them until then
 * retiring.1.cards-until=2027-12-05T15:00:00Z   resident cards: kiosks take them until then (doors never do)
 * </pre>
 */
public record KeyRing(SigningKey current, List<Retiring> retiring) {
    /** The largest key id a token can carry (decision 0001: 16 bits). */
    static final int MAX_KID = 65_535;

    public KeyRing {
        retiring = List.copyOf(retiring);
    }

    /**
     * A key no longer signing: booking tokens signed with it are taken until {@code doorsUntil}, resident cards until
     * {@code cardsUntil}.
     */
    public record Retiring(SigningKey key, Instant doorsUntil, Instant cardsUntil) {
        /** Whether a token of this type signed with the key is still taken at {@code now}. */
        boolean accepts(TokenType type, Instant now) {
            return now.isBefore(type == TokenType.BOOKING ? doorsUntil : cardsUntil);
        }

        boolean retiredBy(Instant now) {
            return !now.isBefore(doorsUntil) && !now.isBefore(cardsUntil);
        }
    }

    /** A ring of one fresh key with id 1, as on a first start. */
    static KeyRing fresh() {
        return new KeyRing(newKey(1), List.of());
    }

    private static SigningKey newKey(int kid) {
        byte[] seed = new byte[Ed25519Keys.RAW_LENGTH];
        new SecureRandom().nextBytes(seed);
        return new SigningKey(kid, Ed25519Keys.fromSeed(seed));
    }

    /** The keys doors must hold at {@code now}: the current one and those whose booking tokens are still taken. */
    List<SigningKey> atDoors(Instant now) {
        List<SigningKey> keys = new ArrayList<>();
        keys.add(current);
        retiring.stream().filter(r -> r.accepts(TokenType.BOOKING, now)).map(Retiring::key).forEach(keys::add);
        return keys;
    }

    /**
     * A new current key with the next free id. The current one retires at the instants given, and keys already
     * retired by {@code now} leave the ring. With null instants (a leak) every key of the ring leaves at once, the
     * retiring ones too: whoever read the file has them all.
     */
    KeyRing rotate(Instant now, Instant doorsUntil, Instant cardsUntil) {
        List<Retiring> kept = new ArrayList<>();
        if (doorsUntil != null) {
            retiring.stream().filter(r -> !r.retiredBy(now)).forEach(kept::add);
            kept.add(new Retiring(current, doorsUntil, cardsUntil));
        }
        kept.sort(Comparator.comparingInt(r -> r.key().kid()));
        return new KeyRing(newKey(nextKid()), kept);
    }

    /** One more than the largest id in use; after 65,535 the smallest id not in use. */
    int nextKid() {
        TreeSet<Integer> used = new TreeSet<>();
        used.add(current.kid());
        retiring.forEach(r -> used.add(r.key().kid()));
        if (used.last() < MAX_KID) {
            return used.last() + 1;
        }
        for (int kid = 1; kid <= MAX_KID; kid++) {
            if (!used.contains(kid)) {
                return kid;
            }
        }
        throw new IllegalStateException("every key id is in use");
    }

    /** @throws IllegalArgumentException naming what is missing or wrong */
    static KeyRing parse(String text) {
        Properties props = new Properties();
        try {
            props.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SigningKey current = key(props, "kid", "seed");
        List<Retiring> retiring = new ArrayList<>();
        for (String name : new TreeSet<>(props.stringPropertyNames())) {
            if (name.startsWith("retiring.") && name.endsWith(".seed")) {
                String prefix = name.substring(0, name.length() - ".seed".length());
                String kidText = prefix.substring("retiring.".length());
                byte[] seed = Base64.getDecoder().decode(props.getProperty(name));
                SigningKey key = new SigningKey(kid(kidText), Ed25519Keys.fromSeed(seed));
                retiring.add(new Retiring(key, instant(props, prefix + ".doors-until"),
                        instant(props, prefix + ".cards-until")));
            }
        }
        return new KeyRing(current, retiring);
    }

    private static SigningKey key(Properties props, String kidName, String seedName) {
        String kid = props.getProperty(kidName);
        String seed = props.getProperty(seedName);
        if (kid == null || seed == null) {
            throw new IllegalArgumentException("'" + kidName + "' and '" + seedName + "' are required");
        }
        return new SigningKey(kid(kid), Ed25519Keys.fromSeed(Base64.getDecoder().decode(seed)));
    }

    private static int kid(String text) {
        int kid = Integer.parseInt(text.strip());
        if (kid < 0 || kid > MAX_KID) {
            throw new IllegalArgumentException("key id " + kid + " is not within 0.." + MAX_KID);
        }
        return kid;
    }

    private static Instant instant(Properties props, String name) {
        String text = props.getProperty(name);
        if (text == null) {
            throw new IllegalArgumentException("'" + name + "' is required");
        }
        return Instant.parse(text.strip());
    }

    /** The file's text; seeds come back from the keys' private halves. */
    String format() {
        Properties props = new Properties();
        props.setProperty("kid", current.kidText());
        props.setProperty("seed", Base64.getEncoder().encodeToString(seed(current)));
        for (Retiring r : retiring) {
            String prefix = "retiring." + r.key().kid();
            props.setProperty(prefix + ".seed",
                    Base64.getEncoder().encodeToString(seed(r.key())));
            props.setProperty(prefix + ".doors-until", r.doorsUntil().toString());
            props.setProperty(prefix + ".cards-until", r.cardsUntil().toString());
        }
        StringWriter out = new StringWriter();
        try {
            props.store(out, "Linli token-signing keys: keep secret, keep with the database");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static byte[] seed(SigningKey key) {
        return ((EdECPrivateKey) key.privateKey()).getBytes()
                .orElseThrow(() -> new IllegalStateException("key " + key.kid() + " has no seed to write"));
    }

    byte[] bytes() {
        return format().getBytes(StandardCharsets.ISO_8859_1);
    }
}
