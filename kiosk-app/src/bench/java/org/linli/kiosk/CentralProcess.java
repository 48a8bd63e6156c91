package org.linli.kiosk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

/**
 * The kiosk benchmark's central service: the real one ({@link TestCentral}, the demo hub) in a process of its own,
 * on the clock the benchmark's kiosk uses (10:30 in Shanghai, open whatever the hour). On a Pi the central service
 * runs elsewhere, so its server, threads and data must not count in the kiosk's memory. Prints its address and the
 * kiosk's key on its first two lines and serves until its standard input closes (the benchmark ended, or died).
 */
public final class CentralProcess {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalTime AT = LocalTime.of(10, 30);

    private CentralProcess() {
    }

    public static void main(String[] args) throws IOException {
        try (TestCentral central = TestCentral.start(Files.createTempDirectory("linli-bench-central"),
                AdjustableClock.at(AT, SHANGHAI), SHANGHAI, Map.of())) {
            System.out.println(central.url());
            System.out.println(central.kioskKey());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // nothing is said on this line; its end is the signal
            }
        }
    }

    /** Starts one in a child JVM on this JVM's class path; its address and key are its first two lines. */
    static Process launch() throws IOException {
        String launcher = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(launcher, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), CentralProcess.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
