package org.linli.e2e.soak;

import java.util.ArrayList;
import java.util.List;

/**
 * One thing a resident does at the kiosk: tap a button (the first of {@code ids} the screen shows, or with
 * {@code prefix} any one starting so), type a digit, hold their card to the scanner, keep their card's code (a photo of
 * the card screen), or see that the screen says it is done ({@code expect}: the booking's code, "cancelled").
 */
record Step(Kind kind, List<String> ids, String prefix, String phone) {
    enum Kind { TAP, DIGIT, EXPECT, KEEP_CARD, SCAN_CARD }

    static Step tap(String... ids) {
        return new Step(Kind.TAP, List.of(ids), null, null);
    }

    static Step tapAny(String prefix) {
        return new Step(Kind.TAP, List.of(), prefix, null);
    }

    /** The screen shows {@code id}: what the visit was for has been done. */
    static Step expect(String id) {
        return new Step(Kind.EXPECT, List.of(id), null, null);
    }

    /** The resident photographs the card the kiosk shows: its code is theirs from now on. */
    static Step keepCard(String phone) {
        return new Step(Kind.KEEP_CARD, List.of(), null, phone);
    }

    /** The resident holds their card (as kept before) to the scanner. */
    static Step scanCard(String phone) {
        return new Step(Kind.SCAN_CARD, List.of(), null, phone);
    }

    static List<Step> digits(String phone) {
        return phone.chars().mapToObj(c -> new Step(Kind.DIGIT, List.of("key-" + (char) c), null, null)).toList();
    }

    @SafeVarargs
    static List<Step> concat(List<Step>... parts) {
        List<Step> all = new ArrayList<>();
        for (List<Step> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    /** What the step looks for, for a message: "slot-…", "[done, home]". */
    String what() {
        return prefix != null ? prefix + "…" : kind == Kind.TAP || kind == Kind.DIGIT ? ids.toString()
                : kind.name().toLowerCase(java.util.Locale.ROOT) + " " + ids;
    }
}
