package org.linli.central.catalogue;

/**
 * A service residents queue for; its tickets carry its letter (A023).
 *
 * @param retired no longer offered ({@link Retiring}); it keeps its letter, so its past tickets stay its own
 */
public record ServiceItem(String id, String hubId, String letter, Name name, int typicalMinutes, boolean retired)
        implements Retiring.Retirable {

    /** A service on offer. */
    public ServiceItem(String id, String hubId, String letter, Name name, int typicalMinutes) {
        this(id, hubId, letter, name, typicalMinutes, false);
    }
}
