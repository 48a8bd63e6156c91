package org.linli.central;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import org.linli.central.auth.Role;
import org.linli.central.auth.Secrets;
import org.linli.central.catalogue.CatalogueSeed;
import org.linli.central.catalogue.Room;
import org.linli.central.store.SecretFiles;

/**
 * What is loaded at start: the configured catalogue seed (every start), and with {@code --demo} the demo hub and
 * its generated credentials (first start only; the credentials file marks that it was done).
 */
final class Seeding {
    static final String DEMO_HUB = "wutong66";
    static final String CREDENTIALS = "demo-credentials.properties";
    private static final System.Logger LOG = System.getLogger(Seeding.class.getName());

    private Seeding() {
    }

    static void apply(Components c, boolean demo) {
        CatalogueSeed seed = new CatalogueSeed(c.catalogue(), c.settings().rules());
        Path credentials = c.settings().dataDir().resolve(CREDENTIALS);
        if (demo && !Files.exists(credentials)) {
            seedDemo(c, seed, credentials);
        }
        // The configured seed comes last: it is the site's own truth and may adjust the demo hub too.
        if (c.settings().catalogueSeed() != null) {
            seed.apply(c.settings().catalogueSeed(), c.clock().instant());
        }
    }

    private static void seedDemo(Components c, CatalogueSeed seed, Path credentials) {
        try (InputStream in = Seeding.class.getResourceAsStream("/demo/demo-hub.yaml")) {
            seed.apply(in, c.clock().instant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> generated = new LinkedHashMap<>();
        for (Role role : new Role[] {Role.ADMIN, Role.OPERATOR, Role.COUNTER}) {
            String password = Secrets.random(12);
            c.accounts().putStaff(role.wire(), password, role, role == Role.ADMIN ? null : DEMO_HUB);
            generated.put("staff." + role.wire() + ".password", password);
        }
        String kioskKey = Secrets.random();
        c.kioskKeys().put("kiosk-lobby", DEMO_HUB, kioskKey);
        generated.put("kiosk.kiosk-lobby.key", kioskKey);
        // Device passwords for the door and sensor agents of each room; the broker's credential tooling reads them.
        for (Room room : c.catalogue().rooms(DEMO_HUB)) {
            generated.put("device." + room.id() + "-door.password", Secrets.random(18));
        }
        StringBuilder text = new StringBuilder("# Linli demo credentials, generated on first start. Keep private.\n");
        generated.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            SecretFiles.write(credentials, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + credentials, e);
        }
        LOG.log(Level.INFO, "demo hub " + DEMO_HUB + " seeded; staff logins and kiosk key are in " + credentials);
    }
}
