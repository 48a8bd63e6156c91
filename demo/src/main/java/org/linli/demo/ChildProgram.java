package org.linli.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the demo's programs (central service, an agent, the kiosk) running as its own JVM from its jar, the way
 * systemd runs it on a Pi. Its output is copied to ours with a short name in front.
 */
final class ChildProgram implements AutoCloseable {
    private final String name;
    private final Process process;

    private ChildProgram(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    static ChildProgram start(String name, Path jar, List<String> jvmOptions, List<String> args,
            Map<String, String> environment, PrintStream out) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " is missing: build with ./mvnw -DskipTests package");
        }
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        Thread.ofPlatform().daemon().name("out-" + name).start(() -> copy(name, process, out));
        return new ChildProgram(name, process);
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString());
    }

    private static void copy(String name, Process process, PrintStream out) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.println("[" + name + "] " + line);
            }
        } catch (IOException ended) {
            // the program's output ends with the program
        }
    }

    String name() {
        return name;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Writes a line to the program's standard input (the agents read {@code scan <room> <text>} there). */
    void send(String line) throws IOException {
        var in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Asks the program to stop (SIGTERM, like systemd) and waits for it; forces it after 15 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
