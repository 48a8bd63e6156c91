package org.linli.central.catalogue;

import java.util.List;

/**
 * A counter (窗口) and the services it serves.
 *
 * @param retired the desk is gone ({@link Retiring}): no console, no board line, no calls
 */
public record Counter(String id, String hubId, Name name, List<String> services, boolean retired)
        implements Retiring.Retirable {

    /** A counter in use. */
    public Counter(String id, String hubId, Name name, List<String> services) {
        this(id, hubId, name, services, false);
    }
}
