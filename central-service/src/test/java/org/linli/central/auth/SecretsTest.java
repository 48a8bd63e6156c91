package org.linli.central.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.linli.protocol.Ids;

class SecretsTest {
    @Test
    void recordIdsAreAlwaysValidPathIds() {
        // plain base64url starts with '-' or '_' once in 32 draws; 20,000 draws meet that case ~600 times
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String id = Secrets.id();
            assertTrue(Ids.isValid(id), id);
            assertEquals(16, id.length(), id);
            seen.add(id);
        }
        assertEquals(20_000, seen.size());
    }
}
