package org.linli.kiosk.central;

import java.io.IOException;

/** The central service could not be reached or failed (network down, timeout, 5xx): trying later may work. */
public final class CentralUnavailableException extends IOException {
    public CentralUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
