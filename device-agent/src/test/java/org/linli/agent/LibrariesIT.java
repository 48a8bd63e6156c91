package org.linli.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The libraries the agent ships in {@code lib/} are unsigned jars: the JDK's check of a signed jar costs the agent
 * 2-3 MB of its 64 MB (see the antrun step in {@code device-agent/pom.xml}). A new signed dependency fails here.
 */
class LibrariesIT {
    @Test
    void noLibraryInLibIsSigned() throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(Path.of("target/lib"))) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).toList();
        }
        assertFalse(jars.isEmpty(), "target/lib is empty: package first");
        List<String> signed = new ArrayList<>();
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile(), false)) {
                if (file.stream().anyMatch(e -> e.getName().matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)"))) {
                    signed.add(jar.getFileName().toString());
                }
            }
        }
        assertEquals(List.of(), signed, "signed jars in lib/: strip them in the antrun step of device-agent/pom.xml");
    }

    /** lib/ holds a slimmed Bouncy Castle (see the pom): its Ed25519 must still pass FastEd25519's self-test. */
    @Test
    void fastEd25519WorksWithTheLibrariesAsShipped() throws Exception {
        // the packaged jar and lib/ only, not the test class path (which has the whole Bouncy Castle jar)
        try (URLClassLoader shipped = new URLClassLoader(new URL[] {Path.of("target/device-agent.jar").toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> fast = shipped.loadClass("org.linli.agent.door.FastEd25519");
            assertTrue((Boolean) fast.getMethod("install").invoke(null), "FastEd25519's self-test");
        } finally {
            Security.removeProvider("LinliEd25519Verify");
        }
    }
}
