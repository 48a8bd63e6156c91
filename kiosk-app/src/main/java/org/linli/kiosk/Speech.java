package org.linli.kiosk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Optional spoken prompts (configuration {@code speech.enabled}) through the {@code espeak-ng} program when it is
 * installed. Speaking runs on its own thread, never the screen's; a new prompt cuts off the one still playing, so a
 * resident who taps quickly hears only where they are now.
 */
public final class Speech implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Speech.class.getName());
    private static final Speech SILENT = new Speech(null);

    private final Path program;
    private final ExecutorService voice = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("speech").factory());
    private final AtomicReference<Process> playing = new AtomicReference<>();

    Speech(Path program) {
        this.program = program;
    }

    /** Speech when enabled and {@code espeak-ng} is on the PATH; otherwise a kiosk that stays quiet. */
    public static Speech from(boolean enabled, Map<String, String> env) {
        if (!enabled) {
            return SILENT;
        }
        for (String dir : env.getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "espeak-ng");
            if (Files.isExecutable(candidate)) {
                return new Speech(candidate);
            }
        }
        LOG.log(System.Logger.Level.INFO, "speech.enabled is set but espeak-ng is not installed: staying quiet");
        return SILENT;
    }

    public boolean speaks() {
        return program != null;
    }

    public void say(String text, Locale language) {
        if (program == null || text.isBlank()) {
            return;
        }
        voice.execute(() -> {
            stopPlaying();
            String voiceName = "en".equals(language.getLanguage()) ? "en" : "cmn";
            try {
                // slower than the default 175 words a minute: many listeners are elderly
                Process process = new ProcessBuilder(program.toString(), "-v", voiceName, "-s", "140", text)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                playing.set(process);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "espeak-ng could not start: " + e.getMessage());
            }
        });
    }

    private void stopPlaying() {
        Process earlier = playing.getAndSet(null);
        if (earlier != null && earlier.isAlive()) {
            earlier.destroy();
        }
    }

    @Override
    public void close() {
        if (this != SILENT) {
            voice.execute(this::stopPlaying);
            voice.shutdown();
        }
    }
}
