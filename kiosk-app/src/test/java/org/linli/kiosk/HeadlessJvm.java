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
 * Monocle on a screen of a given size, or in a real window on an X server of its own (Xvfb, as {@code ./linli
 * screenshots} and a desktop run it), with this JVM's class path; and the configuration that points a kiosk at a
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
        List<String> command = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Dprism.text=t2k",
                "-Dheadless.geometry=" + screen + "-32", "-Djava.awt.headless=true"));
        command.addAll(mainAndArgs);
        return start(dir, command, environment, limit);
    }

    /**
     * Runs a main class in a real window: JavaFX's own desktop platform (GTK) on an X server of the given size
     * ("1920x1080") that {@code xvfb-run} starts for it alone, without the LINLI_ variables of this process.
     */
    static Result inWindow(Path dir, String screen, List<String> mainAndArgs, Duration limit)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("xvfb-run", "-a", "-s", "-screen 0 " + screen + "x24", java(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        return start(dir, command, Map.of(), limit);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Result start(Path dir, List<String> command, Map<String, String> environment, Duration limit)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "child", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("LINLI_"));
        builder.environment().putAll(environment);
        Process child = builder.start();
        if (!child.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            // xvfb-run's X server and JVM by their process ids, then xvfb-run itself
            child.descendants().forEach(ProcessHandle::destroyForcibly);
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
