package org.linli.protocol.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The second part of {@code ./linli bench qr}: {@link HardFrames} (tilted ±15°, Gaussian blur σ 0.8–1.5 px, noise,
 * contrast 15–85 %; the code at 45 % of a 640×480 frame's height and at 25 % of a 1280×720 one's), sharp square-on
 * frames of both sizes, and frames without a code, all from one seed, read by our decoder, by plain ZXing-Java (its
 * QRCodeReader on its hybrid binarizer) and, where Debian's libraries are installed, by zxing-cpp and zbar. Prints
 * decoded/total and median/p90 ms per group and decoder as a Markdown table. The times are CPU time of the decoding
 * thread, for every decoder: on a machine shared with other work, wall time mostly measures the others (all four
 * decoders use one thread, so on a quiet machine the two are the same).
 */
final class CameraComparison {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Map<DecodeHintType, Object> PLAIN_HINTS = Map.of(
            DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));

    /** A group of frames of one size, each with the text it shows (null for none). */
    record Group(String name, int width, int height, List<byte[]> frames, List<String> expected) {
    }

    /** One decoder's results on one group. */
    record Outcome(int decoded, int falseReads, int total, double medianMs, double p90Ms) {
        String cell(boolean withCodes) {
            return (withCodes ? decoded + "/" + total + ", " : "")
                    + (falseReads > 0 ? falseReads + " FALSE READS, " : "")
                    + String.format("%.1f / %.1f ms", medianMs, p90Ms);
        }
    }

    private CameraComparison() {
    }

    static void run(long seed, int perGroup, List<String> tokens, Path moduleDir) throws IOException {
        HardFrames frames = new HardFrames(seed);
        List<Group> groups = new ArrayList<>();
        for (HardFrames.Group g : HardFrames.GROUPS) {
            groups.add(group(g.name() + ", tilted, blurred, noisy, 15–85 %", g, perGroup, tokens,
                    i -> frames.frame(tokens.get(i % tokens.size()), g)));
        }
        for (HardFrames.Group g : HardFrames.GROUPS) {
            groups.add(group(g.width() + "x" + g.height() + " sharp, square on", g, perGroup, tokens,
                    i -> frames.frame(tokens.get(i % tokens.size()), g, frames.sharpShot())));
        }
        for (HardFrames.Group g : HardFrames.GROUPS) {
            groups.add(group(g.width() + "x" + g.height() + " no code", g, perGroup, null, i -> frames.empty(g)));
        }
        System.out.printf("%nCamera frames (seed %d, %d a group, %d tokens of the test vectors, QR version %s, "
                + "ECC M): decoded/total, median / p90 ms of CPU per frame%n", seed, perGroup, tokens.size(),
                tokens.stream().map(t -> Integer.toString(QrCodes.version(t))).distinct()
                        .collect(Collectors.joining(" and ")));
        Map<String, Function<Group, Outcome>> decoders = new LinkedHashMap<>();
        decoders.put("QrFrameDecoder", CameraComparison::ours);
        decoders.put("plain ZXing-Java", CameraComparison::plainZxing);
        Optional<NativeDecoders> natives = NativeDecoders.build(moduleDir);
        Map<Group, Map<String, Outcome>> nativeOutcomes = new LinkedHashMap<>();
        if (natives.isPresent()) {
            for (Group group : groups) {
                Map<String, Outcome> byLibrary = new LinkedHashMap<>();
                natives.get().read(group.frames(), group.width(), group.height()).forEach((library, readings) ->
                        byLibrary.put(library, outcome(group, readings.stream().map(NativeDecoders.Reading::text)
                                .toList(), readings.stream().mapToDouble(NativeDecoders.Reading::ms).toArray())));
                nativeOutcomes.put(group, byLibrary);
            }
        }
        List<String> columns = new ArrayList<>(decoders.keySet());
        nativeOutcomes.values().stream().findFirst().ifPresent(m -> columns.addAll(m.keySet()));
        System.out.println("| frames | " + String.join(" | ", columns) + " |");
        System.out.println("|---|" + "---|".repeat(columns.size()));
        for (Group group : groups) {
            List<String> cells = new ArrayList<>();
            for (Function<Group, Outcome> decoder : decoders.values()) {
                cells.add(decoder.apply(group).cell(group.expected() != null));
            }
            nativeOutcomes.getOrDefault(group, Map.of()).values()
                    .forEach(o -> cells.add(o.cell(group.expected() != null)));
            System.out.println("| " + group.name() + " | " + String.join(" | ", cells) + " |");
        }
        if (natives.isPresent()) {
            System.out.println("(zxing-cpp and zbar: Debian's libraries in-process, each frame decoded "
                    + NativeDecoders.ROUNDS + " times and the last timed; Java: after 3 warm-up rounds)");
        }
    }

    private static Group group(String name, HardFrames.Group size, int count, List<String> tokens,
            java.util.function.IntFunction<byte[]> frame) {
        List<byte[]> frames = new ArrayList<>();
        List<String> expected = tokens == null ? null : new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(frame.apply(i));
            if (expected != null) {
                expected.add(tokens.get(i % tokens.size()));
            }
        }
        return new Group(name, size.width(), size.height(), frames, expected);
    }

    private static Outcome ours(Group group) {
        QrFrameDecoder decoder = new QrFrameDecoder();
        return timed(group, frame -> decoder.decode(frame, group.width(), group.height()).orElse(null));
    }

    private static Outcome plainZxing(Group group) {
        QRCodeReader reader = new QRCodeReader();
        return timed(group, frame -> {
            try {
                return reader.decode(new BinaryBitmap(new HybridBinarizer(new PlanarYUVLuminanceSource(frame,
                        group.width(), group.height(), 0, 0, group.width(), group.height(), false))), PLAIN_HINTS)
                        .getText();
            } catch (ReaderException notRead) {
                return null;
            }
        });
    }

    private static Outcome timed(Group group, Function<byte[], String> decode) {
        // warm up the JIT the way a camera loop would after a few seconds
        for (int round = 0; round < 3; round++) {
            group.frames().forEach(decode::apply);
        }
        List<String> texts = new ArrayList<>();
        double[] ms = new double[group.frames().size()];
        for (int i = 0; i < ms.length; i++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            texts.add(decode.apply(group.frames().get(i)));
            ms[i] = (THREADS.getCurrentThreadCpuTime() - t0) / 1e6;
        }
        return outcome(group, texts, ms);
    }

    private static Outcome outcome(Group group, List<String> texts, double[] ms) {
        int decoded = 0;
        int falseReads = 0;
        for (int i = 0; i < texts.size(); i++) {
            String expected = group.expected() == null ? null : group.expected().get(i);
            if (expected != null && expected.equals(texts.get(i))) {
                decoded++;
            } else if (texts.get(i) != null) {
                falseReads++;
            }
        }
        return new Outcome(decoded, falseReads, texts.size(), QrBench.percentile(ms, 50), QrBench.percentile(ms, 90));
    }
}
