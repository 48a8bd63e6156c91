package org.linli.central.errors;

import java.time.Duration;

/** Too many attempts (wrong passwords, logins at once): answered 429 with {@code Retry-After}. */
public class TooManyRequests extends Refusal {
    private final Duration retryAfter;

    public TooManyRequests(String detail, Duration retryAfter) {
        super(detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
