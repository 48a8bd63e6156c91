package org.linli.central.ingest;

import org.linli.protocol.payload.Payload;

/** A validated message of a registered device about one of its own rooms (or about itself). */
public record Message(String deviceId, Payload payload) {
}
