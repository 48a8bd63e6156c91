package org.linli.central.catalogue;

import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A site of the three-level network: district centre, street hub (邻里汇) or residential small hub (邻里小汇).
 *
 * @param capacity how many people its fire certificate allows in the building; null when not set
 */
public record Hub(String id, String level, String parent, Name name, ZoneId timezone, LocalTime opens,
        LocalTime closes, Integer capacity) {

    /** A hub whose capacity is not set. */
    public Hub(String id, String level, String parent, Name name, ZoneId timezone, LocalTime opens,
            LocalTime closes) {
        this(id, level, parent, name, timezone, opens, closes, null);
    }

    /** The same hub with other opening hours (the span of one day). */
    public Hub withHours(LocalTime opens, LocalTime closes) {
        return new Hub(id, level, parent, name, timezone, opens, closes, capacity);
    }
}
