package org.linli.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the module's own scripts (and other commands) the way an operator would, failing loudly on a non-zero exit. */
final class Scripts {
    /** The module directory: Maven starts the test JVM there. */
    /** This module's directory: the working directory of its own tests, or as named by other modules' tests. */
    static final Path MODULE = Path.of(System.getProperty("linli.broker-config", "")).toAbsolutePath();
    static final Path SCRIPTS = MODULE.resolve("scripts");

    private Scripts() {
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs a script of {@code scripts/} and returns its stdout, trimmed; fails the test on a non-zero exit. */
    static String script(Map<String, String> env, String name, String... args) {
        List<String> command = new ArrayList<>();
        command.add(SCRIPTS.resolve(name).toString());
        command.addAll(List.of(args));
        Result result = run(env, command);
        if (result.exitCode() != 0) {
            throw new AssertionError(name + " " + String.join(" ", args) + " exited with " + result.exitCode()
                    + ":\n" + result.stderr());
        }
        return result.stdout().trim();
    }

    static Result run(Map<String, String> env, List<String> command) {
        return run(env, command, 120);
    }

    static Result run(Map<String, String> env, List<String> command, long timeoutSeconds) {
        return run(env, command, timeoutSeconds, null);
    }

    /** Runs a command with {@code input} (null: nothing) on its stdin. */
    static Result run(Map<String, String> env, List<String> command, long timeoutSeconds, String input) {
        try {
            Path out = Files.createTempFile("linli-script", ".out");
            Path err = Files.createTempFile("linli-script", ".err");
            Path in = input == null ? Path.of("/dev/null") : Files.writeString(
                    Files.createTempFile("linli-script", ".in"), input, StandardCharsets.UTF_8);
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectInput(ProcessBuilder.Redirect.from(in.toFile()))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor();
                    throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds
                            + " s; its output so far:\n" + Files.readString(out) + Files.readString(err));
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
                if (input != null) {
                    Files.deleteIfExists(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }
}
