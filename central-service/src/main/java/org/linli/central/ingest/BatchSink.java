package org.linli.central.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** What ingestion hands each stored batch to: the live state. */
public interface BatchSink {
    /**
     * Called inside the batch's transaction with the messages that are new: occupancy and events stored for the
     * first time, and every status and telemetry. It may write its own rows with {@code c}.
     *
     * @return what to do once the transaction committed (events to screens, retained MQTT state, alerts)
     */
    Runnable apply(Connection c, List<Message> fresh) throws SQLException;
}
