package org.linli.agent.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the simulation reads typed lines from. A program started with its standard input closed ({@code <&-}) has no
 * descriptor 0, so the first file the Java runtime opens takes that number (on Linux its {@code lib/modules}), and
 * {@code System.in} would read the runtime's own bytes as lines typed at the console: tens of thousands of warnings a
 * second. The same happens under a preloaded library that opens a file as the process starts (libfaketime's shared
 * memory, which reads as zeros). Such an input is taken for what it is, an input that has ended: a descriptor 0 that
 * leads into the runtime, or one marked close-on-exec, which no descriptor inherited across {@code exec} can be, so
 * this process opened it itself.
 */
public final class StandardInput {
    /** Linux's {@code O_CLOEXEC} in the octal {@code flags:} line of {@code /proc/self/fdinfo/N}. */
    private static final long CLOSE_ON_EXEC = 02000000;

    private StandardInput() {
    }

    /** {@code System.in}, or an input that ends at once when descriptor 0 was not given to this process. */
    public static InputStream stream() {
        return runtimeFile(Path.of("/proc/self/fd/0"), Path.of(System.getProperty("java.home")))
                || openedHere(Path.of("/proc/self/fdinfo/0")) ? InputStream.nullInputStream() : System.in;
    }

    /**
     * True when {@code fdinfo} (the descriptor's {@code /proc/self/fdinfo} file) says close-on-exec: a descriptor the
     * parent gave would not have survived the {@code exec} with that mark, so this process opened it after it started.
     */
    static boolean openedHere(Path fdinfo) {
        try {
            for (String line : Files.readAllLines(fdinfo)) {
                if (line.startsWith("flags:")) {
                    return (Long.parseLong(line.substring("flags:".length()).strip(), 8) & CLOSE_ON_EXEC) != 0;
                }
            }
            return false;
        } catch (IOException | SecurityException | NumberFormatException e) {
            // no descriptor 0, or no /proc (not Linux): System.in is read as it is, to its end
            return false;
        }
    }

    /** True when {@code descriptor} leads to a file under {@code javaHome}. */
    static boolean runtimeFile(Path descriptor, Path javaHome) {
        try {
            return descriptor.toRealPath().startsWith(javaHome.toRealPath());
        } catch (IOException | SecurityException e) {
            // a terminal, /dev/null or a file resolve elsewhere; a pipe or no descriptor 0 at all, or no /proc (not
            // Linux), do not resolve: System.in is then read as it is, to its end
            return false;
        }
    }
}
