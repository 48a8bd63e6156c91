package org.linli.central.devices;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A device's broker password, made by central when an administrator asks and shown once (docs/decisions/0020): the
 * password goes to the device ({@code provision-device --mqtt-password-file}), and the broker gets only its line for
 * Mosquitto's password file, hashed as {@code mosquitto_passwd} 2.0 hashes ({@code $7$}: PBKDF2-HMAC-SHA512, 101
 * iterations, a 12-byte salt), so the password never passes through the broker host. Central keeps neither: it does
 * not authenticate MQTT clients, and a new credential replaces the old one on the broker.
 *
 * @param username the device's id, its user name on the broker
 * @param password 24 characters of base64url: 144 random bits
 * @param passwdLine {@code username:$7$101$salt$hash}
 */
public record BrokerCredential(String username, String password, String passwdLine) {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** What mosquitto_passwd 2.0 uses; the broker reads the count from the line, so a higher one would work too. */
    static final int ITERATIONS = 101;
    private static final int SALT_BYTES = 12;
    private static final int HASH_BITS = 512;

    @Override
    public String toString() {
        return "BrokerCredential[" + username + "]"; // never the password, should one be logged by mistake
    }

    /** A fresh random password for the device. */
    public static BrokerCredential make(String username) {
        byte[] secret = new byte[18];
        RANDOM.nextBytes(secret);
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new BrokerCredential(username, password, passwdLine(username, password, salt));
    }

    /** The line of Mosquitto's password file for this user, password and salt. */
    static String passwdLine(String username, String password, byte[] salt) {
        try {
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, HASH_BITS)).getEncoded();
            Base64.Encoder b64 = Base64.getEncoder();
            return username + ":$7$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no PBKDF2WithHmacSHA512", e);
        }
    }
}
