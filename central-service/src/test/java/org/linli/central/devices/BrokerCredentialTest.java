package org.linli.central.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class BrokerCredentialTest {

    /** The line Debian's mosquitto_passwd 2.0.11 wrote for user u, password secretpw, with this salt. */
    @Test
    void hashesAsMosquittoPasswdDoes() {
        assertEquals("u:$7$101$iGCfCW+F4CUJ4o1u$L5VkgbQkD38QOzSwMUCaDFny09ro5eXwJJHAqs8nhpDLMgmkWea4e9+qQdShFXDv0ynjt1jNg5YPEXz49wuNHg==",
                BrokerCredential.passwdLine("u", "secretpw", Base64.getDecoder().decode("iGCfCW+F4CUJ4o1u")));
    }

    @Test
    void makesAFreshPasswordAndSaltEachTimeAndNeverPrintsThePassword() {
        BrokerCredential a = BrokerCredential.make("door-1");
        BrokerCredential b = BrokerCredential.make("door-1");
        assertNotEquals(a.password(), b.password());
        assertNotEquals(a.passwdLine().split("\\$")[3], b.passwdLine().split("\\$")[3], "a salt of its own");
        assertTrue(a.password().matches("[A-Za-z0-9_-]{24}"), a.password());
        assertFalse(a.toString().contains(a.password()));
    }
}
