package org.linli.central.catalogue;

import java.time.LocalTime;
import java.time.ZoneId;

/** A site of the three-level network: district centre, street hub (邻里汇) or residential small hub (邻里小汇). */
public record Hub(String id, String level, String parent, Name name, ZoneId timezone, LocalTime opens,
        LocalTime closes) {
}
