package org.linli.kiosk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spoken prompts run a real program: a stand-in espeak-ng that writes down what it was asked to say. */
class SpeechTest {
    @TempDir
    Path dir;

    private Path fakeEspeak() throws Exception {
        Path program = dir.resolve("espeak-ng");
        Files.writeString(program, "#!/bin/sh\nprintf '%s|' \"$@\" >> \"" + dir.resolve("said") + "\"\necho >> \""
                + dir.resolve("said") + "\"\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        return program;
    }

    @Test
    void speaksThePromptInTheResidentsLanguage() throws Exception {
        fakeEspeak();
        try (Speech speech = Speech.from(true, Map.of("PATH", dir.toString()))) {
            assertTrue(speech.speaks());
            speech.say("请选择要预约的房间。", Locale.of("zh"));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("said"))
                    && Files.readString(dir.resolve("said")).endsWith("\n"));
            assertEquals("-v|cmn|-s|140|请选择要预约的房间。|\n", Files.readString(dir.resolve("said")));
        }
    }

    @Test
    void staysQuietWhenOffOrNotInstalled() throws Exception {
        fakeEspeak();
        assertFalse(Speech.from(false, Map.of("PATH", dir.toString())).speaks());
        assertFalse(Speech.from(true, Map.of("PATH", dir.resolve("nowhere").toString())).speaks());
    }
}
