package org.linli.central.residents;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Phone numbers in, keyed hashes out. A number is normalised (mainland mobiles get +86) so that "138 0013 8000" and
 * "+86 13800138000" are one resident, then hashed with HMAC-SHA-256 under the server secret: without the secret a
 * copy of the database cannot be turned back into numbers by trying all 10^11 of them.
 */
public final class PhoneNumbers {
    // Compiled once: every booking, ticket and check-in by phone goes through here.
    private static final Pattern SEPARATORS = Pattern.compile("[\\s()-]");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{6,15}");
    private static final Pattern MAINLAND_MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    private final byte[] secret;
    // Initialised with the secret once; each hash works on a clone (getInstance and init cost more than the hash).
    private final Mac prototype;

    public PhoneNumbers(byte[] secret) {
        this.secret = secret.clone();
        this.prototype = newMac();
    }

    /** The number as +digits, or null when it is not a phone number. */
    public static String normalise(String raw) {
        if (raw == null || raw.length() > 24) {
            return null;
        }
        String compact = SEPARATORS.matcher(raw).replaceAll("");
        if (!PHONE.matcher(compact).matches()) {
            return null;
        }
        if (compact.startsWith("+")) {
            return compact;
        }
        if (MAINLAND_MOBILE.matcher(compact).matches()) {
            return "+86" + compact;
        }
        if (compact.startsWith("0086")) {
            return "+" + compact.substring(2);
        }
        // A landline or a number without country code: kept as typed, still one resident per spelling.
        return compact;
    }

    public String hmac(String normalised) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            mac = newMac();
        }
        return HexFormat.of().formatHex(mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    public static String last4(String normalised) {
        return normalised.substring(normalised.length() - 4);
    }
}
