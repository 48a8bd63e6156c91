package org.linli.kiosk.session;

/** Mainland mobile numbers as residents type them on the keypad. */
public final class PhoneNumbers {
    public static final int LENGTH = 11;

    private PhoneNumbers() {
    }

    public static boolean valid(String digits) {
        return digits != null && digits.matches("1[3-9]\\d{9}");
    }

    /** 138 0013 8000: the grouping people read their own number in. */
    public static String grouped(String digits) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i == 3 || i == 7) {
                out.append(' ');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }
}
