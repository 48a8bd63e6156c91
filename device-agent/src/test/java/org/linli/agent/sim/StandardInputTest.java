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

    /**
     * libfaketime's shared memory took descriptor 0 of an agent started with {@code <&-} (the whole test run under
     * {@code faketime}): close-on-exec, so opened by the process itself; what a shell hands on never is.
     */
    @Test
    void aDescriptorMarkedCloseOnExecWasOpenedByTheProcessAndIsNoInput() throws Exception {
        assertTrue(StandardInput.openedHere(Files.writeString(dir.resolve("shm"),
                "pos:\t0\nflags:\t02500002\nmnt_id:\t29\nino:\t2596\n")));
        assertFalse(StandardInput.openedHere(Files.writeString(dir.resolve("pipe"),
                "pos:\t0\nflags:\t00\nmnt_id:\t15\nino:\t4711\n")), "a pipe the shell gave");
        assertFalse(StandardInput.openedHere(Files.writeString(dir.resolve("file"),
                "pos:\t0\nflags:\t0100000\nmnt_id:\t29\nino:\t12\n")), "agent < scans.txt");
        assertFalse(StandardInput.openedHere(dir.resolve("no-descriptor")));
        // and this test's own descriptor 0, which surefire hands its forked JVM, is input
        assertFalse(StandardInput.openedHere(Path.of("/proc/self/fdinfo/0")));
    }
}
