package org.linli.central.catalogue;

import java.util.List;

/** A counter (窗口) and the services it serves. */
public record Counter(String id, String hubId, Name name, List<String> services) {
}
