package org.linli.protocol.token;

/** What a token lets its holder do. */
public enum TokenType {
    /** Opens one room's door in a booking's time window; checks the booker in. */
    BOOKING(1),
    /** A resident card: identifies a resident at the kiosk for check-in, tickets and bookings. */
    RESIDENT(2);

    private final int code;

    TokenType(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    static TokenType byCode(int code) {
        for (TokenType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }
}
