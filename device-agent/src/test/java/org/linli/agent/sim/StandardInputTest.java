package org.linli.agent.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandardInputTest {
    @TempDir
    Path dir;

    @Test
    void aDescriptorLeadingToTheRuntimesOwnFileIsNoInput() throws Exception {
        Path javaHome = Files.createDirectories(dir.resolve("jdk/lib"));
        Path modules = Files.writeString(javaHome.resolve("modules"), "not typed by anyone");
        Path descriptor = Files.createSymbolicLink(dir.resolve("0"), modules);
        assertTrue(StandardInput.runtimeFile(descriptor, dir.resolve("jdk")));
    }

    @Test
    void aFileDevNullOrAPipeIsInput() throws Exception {
        Path javaHome = Files.createDirectories(dir.resolve("jdk"));
        Path scans = Files.writeString(dir.resolve("scans.txt"), "scan room-1 LL1:ABC\n");
        assertFalse(StandardInput.runtimeFile(Files.createSymbolicLink(dir.resolve("file"), scans), javaHome));
        assertFalse(StandardInput.runtimeFile(Path.of("/dev/null"), javaHome));
        // what /proc shows for a pipe: a link that leads nowhere
        assertFalse(StandardInput.runtimeFile(Files.createSymbolicLink(dir.resolve("pipe"), Path.of("pipe:[4711]")),
                javaHome));
        assertFalse(StandardInput.runtimeFile(dir.resolve("no-descriptor"), javaHome));
    }
}
