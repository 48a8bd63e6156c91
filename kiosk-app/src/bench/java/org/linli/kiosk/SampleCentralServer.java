package org.linli.kiosk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import org.linli.kiosk.central.SampleCentral;

/**
 * The kiosk benchmark's central service, in a process of its own: on a Pi the central service runs elsewhere, so
 * its HTTP server, threads and data must not count in the kiosk's memory. Prints its address on the first line and
 * serves until its standard input closes (the benchmark ended, or died).
 */
public final class SampleCentralServer {
    private SampleCentralServer() {
    }

    public static void main(String[] args) throws IOException {
        try (SampleCentral central = new SampleCentral(args[0], InstantSource.system(),
                java.time.ZoneId.of("Asia/Shanghai")).start(0)) {
            System.out.println(central.url());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // nothing is said on this line; its end is the signal
            }
        }
    }

    /** Starts one in a child JVM on this JVM's class path and answers it; its address is its first line. */
    static Process launch(String kioskKey) throws IOException {
        String launcher = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(launcher, "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), SampleCentralServer.class.getName(), kioskKey)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
