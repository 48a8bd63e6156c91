package org.linli.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ./linli}, the entry point a newcomer starts with: every command explains itself without building anything,
 * and every {@code ./linli ...} command the documentation names is one the script has (a fresh clone's README once
 * sent newcomers to options that printed "unknown option '--help'").
 */
class LinliScriptTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final List<String> COMMANDS = List.of("demo", "test", "central", "agent", "kiosk", "bench",
            "screenshots");

    @Test
    void everyCommandExplainsItselfBothWaysWithoutStartingAnything() {
        for (String command : COMMANDS) {
            Scripts.Result help = linli("help", command);
            assertEquals(0, help.exitCode(), () -> "./linli help " + command + ":\n" + help.stderr());
            assertTrue(help.stdout().startsWith("usage: ./linli " + command), help.stdout());
            assertEquals("", help.stderr(), "./linli help " + command + " built or started something");
            Scripts.Result flag = linli(command, "--help");
            assertEquals(0, flag.exitCode(), () -> "./linli " + command + " --help:\n" + flag.stderr());
            assertEquals(help.stdout(), flag.stdout(), "./linli " + command + " --help");
        }
        // anywhere among the arguments, as a newcomer types it last
        assertEquals(linli("help", "central").stdout(), linli("central", "admin", "add", "--help").stdout());
    }

    @Test
    void theUsageNamesEveryCommandAndAnUnknownOneIsRefused() {
        Scripts.Result usage = linli("help");
        assertEquals(0, usage.exitCode());
        for (String command : COMMANDS) {
            assertTrue(usage.stdout().contains("\n  " + command + " "), () -> command + " is not in:\n" + usage.stdout());
        }
        Scripts.Result unknown = linli("nope");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.stderr().contains("unknown command 'nope'"), unknown.stderr());
    }

    @Test
    void everyLinliCommandInTheDocsExists() throws IOException {
        Set<String> benches = new TreeSet<>(List.of(
                afterLast(linli("help", "bench").stdout(), "one of: ").split("\\)")[0].trim().split(" ")));
        String centralHelp = linli("help", "central").stdout();
        Pattern mention = Pattern.compile("\\./linli ([a-z]+)(?: ([a-z]+))?");
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String doc : DocsTest.tracked()) {
            if (!doc.endsWith(".md")) {
                continue;
            }
            Matcher m = mention.matcher(Files.readString(ROOT.resolve(doc), StandardCharsets.UTF_8));
            while (m.find()) {
                checked++;
                String command = m.group(1);
                String word = m.group(2);
                boolean ok = command.equals("help") || COMMANDS.contains(command);
                if (ok && command.equals("bench") && word != null) {
                    ok = benches.contains(word);
                } else if (ok && command.equals("central") && word != null) {
                    ok = centralHelp.contains("./linli central " + word + " ");
                }
                if (!ok) {
                    wrong.add(doc + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), wrong, "commands the script does not have");
        assertTrue(checked > 50, "the docs' ./linli commands were found (" + checked + ")");
        assertTrue(benches.contains("ingest"), benches::toString);
    }

    private static String afterLast(String text, String marker) {
        int at = text.lastIndexOf(marker);
        assertTrue(at >= 0, () -> "no '" + marker + "' in " + text);
        return text.substring(at + marker.length());
    }

    private static Scripts.Result linli(String... args) {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("linli").toString()));
        command.addAll(List.of(args));
        return Scripts.run(Map.of(), command, 60);
    }
}
