package org.linli.kiosk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A kiosk program in a JVM of its own (JavaFX starts once per JVM and takes the screen's size once), headless through
 * Monocle on a screen of a given size, with this JVM's class path; and the configuration that points a kiosk at a
 * {@link TestCentral}.
 */
final class HeadlessJvm {
    /** How a child ended: its exit status (-1 when it had to be stopped) and the last lines it wrote. */
    record Result(int exit, String output) {
    }

    private HeadlessJvm() {
    }

    /** Writes {@code kiosk.yaml} in dir for the central service, the kiosk's data under dir/kiosk. */
    static Path kioskConfig(Path dir, TestCentral central) throws IOException {
        return Files.writeString(dir.resolve("kiosk.yaml"), """
                central:
                  url: %s
                kiosk:
                  key: %s
                hub:
                  id: %s
                data:
                  dir: %s
                """.formatted(central.url(), central.kioskKey(), TestCentral.HUB, dir.resolve("kiosk")));
    }

    /**
     * Runs a main class on a headless screen of the given size ("1920x1080"), without the LINLI_ variables of this
     * process but with those given; stops it after the limit.
     */
    static Result run(Path dir, String screen, List<String> mainAndArgs, Map<String, String> environment,
            Duration limit) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"),
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Dprism.text=t2k",
                "-Dheadless.geometry=" + screen + "-32", "-Djava.awt.headless=true"));
        command.addAll(mainAndArgs);
        Path log = Files.createTempFile(dir, "child", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("LINLI_"));
        builder.environment().putAll(environment);
        Process child = builder.start();
        if (!child.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            child.destroyForcibly();
            return new Result(-1, "did not end in " + limit.toMinutes() + " minutes:\n" + tail(log));
        }
        return new Result(child.exitValue(), tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
