package org.linli.protocol.qr;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * zxing-cpp and zbar for comparison, through Debian's {@code libzxing-dev} and {@code libzbar-dev}: the benchmark
 * builds {@code src/bench/native/qr_compare.cpp} with g++ and runs it on the same frames. Absent any of these, the
 * comparison is skipped with a note; nothing in {@code ./linli test} needs them.
 */
final class NativeDecoders {
    static final String PACKAGES = "g++ pkg-config libzxing-dev libzbar-dev";
    /** Each library decodes each frame this many times and the last is timed (the first ones warm its caches). */
    static final int ROUNDS = 3;

    /** One library's reading of one frame. */
    record Reading(String text, double ms) {
    }

    private final Path tool;

    private NativeDecoders(Path tool) {
        this.tool = tool;
    }

    /** Builds the tool into {@code target/} (when the source is newer), or tells why it cannot. */
    static Optional<NativeDecoders> build(Path moduleDir) {
        Path source = moduleDir.resolve("src/bench/native/qr_compare.cpp");
        Path tool = moduleDir.resolve("target/qr_compare");
        try {
            if (Files.exists(tool) && Files.getLastModifiedTime(tool).compareTo(Files.getLastModifiedTime(source)) > 0) {
                return Optional.of(new NativeDecoders(tool));
            }
            String flags = run(List.of("pkg-config", "--cflags", "--libs", "zxing", "zbar")).trim();
            List<String> command = new ArrayList<>(List.of("g++", "-O2", "-std=c++17", "-o", tool.toString(),
                    source.toString()));
            command.addAll(List.of(flags.split("\\s+")));
            run(command);
            return Optional.of(new NativeDecoders(tool));
        } catch (IOException e) {
            System.out.println("zxing-cpp and zbar comparison skipped (" + e.getMessage() + "); to have it: "
                    + "apt-get install " + PACKAGES);
            return Optional.empty();
        }
    }

    /** Each frame's reading by each library, by library name ({@code zxing-cpp}, {@code zbar}). */
    Map<String, List<Reading>> read(List<byte[]> frames, int width, int height) throws IOException {
        Path file = Files.createTempFile("qr-frames", ".raw");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                for (byte[] frame : frames) {
                    out.write(frame, 0, width * height);
                }
            }
            Map<String, List<Reading>> readings = new LinkedHashMap<>();
            for (String line : run(List.of(tool.toString(), file.toString(), Integer.toString(width),
                    Integer.toString(height), Integer.toString(ROUNDS))).split("\n")) {
                // INDEX \t LIBRARY \t MICROSECONDS \t TEXT (a token has no tab; empty when nothing was read)
                String[] fields = line.split("\t", 4);
                if (fields.length < 3) {
                    continue;
                }
                String text = fields.length == 4 && !fields[3].isEmpty() ? fields[3] : null;
                readings.computeIfAbsent(fields[1], k -> new ArrayList<>())
                        .add(new Reading(text, Double.parseDouble(fields[2]) / 1000));
            }
            return readings;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String run(List<String> command) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(command.getFirst() + " is not installed");
        }
        StringBuilder out = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.append(line).append('\n');
            }
        }
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command.subList(0, Math.min(3, command.size())))
                        + " failed: " + out.toString().lines().filter(l -> !l.isBlank()).reduce((a, b) -> b)
                                .orElse(""));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out.toString();
    }
}
