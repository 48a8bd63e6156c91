package org.linli.central.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The central service as its own JVM ({@code org.linli.central.Main --demo} on a free port), so that its JIT, GC
 * and heap are not shared with the load generator and the numbers describe the server as it runs in production.
 * Extra JVM options for it (a flight recording, heap size) come from {@code LINLI_BENCH_SERVER_OPTS}.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");
    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static ServerProcess start(Path dataDir) throws Exception {
        return start(dataDir, List.of(), Map.of());
    }

    /**
     * @param jvmOptions options before {@code LINLI_BENCH_SERVER_OPTS} (e.g. the production unit's)
     * @param environment configuration for the service ({@code LINLI_MQTT_URL}, …)
     */
    public static ServerProcess start(Path dataDir, List<String> jvmOptions, Map<String, String> environment)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        String opts = System.getenv().getOrDefault("LINLI_BENCH_SERVER_OPTS", "").strip();
        if (!opts.isEmpty()) {
            command.addAll(Arrays.asList(opts.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.linli.central.Main",
                "--data", dataDir.toString(), "--port", "0", "--demo"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LINLI_SERVER_HOST", "127.0.0.1");
        builder.environment().putAll(environment);
        Process process = builder.start();
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Path log = dataDir.resolve("server.log");
        Thread.ofPlatform().daemon(true).name("bench-server-log").start(() -> pump(process, log, listening));
        try {
            return new ServerProcess(process, listening.get(90, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the central service did not start; see " + log, e);
        }
    }

    /** Copies the child's output to a file (so its pipe never fills) and reports the port once it listens. */
    private static void pump(Process process, Path log, CompletableFuture<Integer> listening) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                out.println(line);
                Matcher m = LISTENING.matcher(line);
                if (!listening.isDone() && m.find()) {
                    listening.complete(Integer.parseInt(m.group(1)));
                }
            }
            listening.completeExceptionally(new IllegalStateException("exited with " + process.waitFor()));
        } catch (IOException e) {
            listening.completeExceptionally(new UncheckedIOException(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listening.completeExceptionally(e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** CPU time the server has used so far (user + system), from /proc; -1 where there is no /proc. */
    public long cpuNanos() {
        return Cpu.ofProcess(process.pid());
    }

    /** The server's resident set (VmRSS from /proc) in bytes, or -1. */
    public long rssBytes() {
        return Cpu.rssOf(process.pid());
    }

    /** CPU time of the server's JIT compiler threads so far. */
    public long compilerCpuNanos() {
        return Cpu.ofCompilerThreads(process.pid());
    }

    /** SIGTERM, so the service's shutdown hook closes the database as in production; forced after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
