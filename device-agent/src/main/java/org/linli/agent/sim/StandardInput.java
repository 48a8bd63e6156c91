package org.linli.agent.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * What the simulation reads typed lines from. A program started with its standard input closed ({@code <&-}) has no
 * descriptor 0, so the first file the Java runtime opens takes that number (on Linux its {@code lib/modules}), and
 * {@code System.in} would read the runtime's own bytes as lines typed at the console: tens of thousands of warnings a
 * second. Such an input is taken for what it is, an input that has ended.
 */
public final class StandardInput {
    private StandardInput() {
    }

    /** {@code System.in}, or an input that ends at once when descriptor 0 is a file of the Java runtime itself. */
    public static InputStream stream() {
        return runtimeFile(Path.of("/proc/self/fd/0"), Path.of(System.getProperty("java.home")))
                ? InputStream.nullInputStream() : System.in;
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
