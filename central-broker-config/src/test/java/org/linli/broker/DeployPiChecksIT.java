package org.linli.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Static checks of {@code deploy-pi/} and of this module's scripts: shellcheck on every bash script, the house rules
 * for scripts, and {@code systemd-analyze verify} on every unit.
 */
class DeployPiChecksIT {
    static final Path DEPLOY_PI = Scripts.MODULE.getParent().resolve("deploy-pi");
    static final Path UNITS = DEPLOY_PI.resolve("rootfs/etc/systemd/system");

    static List<Path> bashScripts() throws IOException {
        List<Path> scripts = new ArrayList<>();
        for (Path root : List.of(DEPLOY_PI, Scripts.SCRIPTS)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    String text = Files.readString(file);
                    if (file.toString().endsWith(".sh") || text.startsWith("#!/usr/bin/env bash")) {
                        scripts.add(file);
                    }
                }
            }
        }
        return scripts;
    }

    @Test
    void everyScriptIsShellcheckClean() throws IOException {
        List<Path> scripts = bashScripts();
        assertTrue(scripts.size() >= 9, "found only " + scripts);
        List<String> command = new ArrayList<>(List.of("shellcheck", "-x", "--shell=bash"));
        scripts.forEach(script -> command.add(script.toString()));
        Scripts.Result result = Scripts.run(Map.of(), command);
        assertEquals(0, result.exitCode(), () -> "shellcheck:\n" + result.stdout() + result.stderr());
    }

    @Test
    void everyProgramSetsStrictModeAndHasAMain() throws IOException {
        for (Path script : bashScripts()) {
            String text = Files.readString(script);
            if (!text.startsWith("#!")) {
                continue; // a library, sourced by the programs
            }
            assertTrue(Files.isExecutable(script), script + " is not executable");
            assertTrue(text.contains("\nset -euo pipefail\n"), script + " lacks 'set -euo pipefail'");
            assertTrue(text.contains("\nmain() {") && text.strip().endsWith("main \"$@\""),
                    script + " does not define main() and end with main \"$@\"");
            assertFalse(text.contains("NOPASSWD") || text.contains("pkill"), script + " uses NOPASSWD or pkill");
        }
    }

    /**
     * {@code systemd-analyze verify} checks each unit's keys and its commands. The commands live under
     * {@code /opt/linli/bin}, which does not exist on a build machine: the copies checked here point at the same
     * scripts inside {@code rootfs/} (the only rewrite). Any output, even a warning, fails the check.
     */
    @Test
    void everyUnitPassesSystemdAnalyzeVerify(@TempDir Path dir) throws IOException {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")),
                "systemd-analyze is missing: apt-get install systemd");
        List<String> command = new ArrayList<>(List.of("systemd-analyze", "verify", "--man=no"));
        try (Stream<Path> units = Files.list(UNITS)) {
            for (Path unit : (Iterable<Path>) units.sorted()::iterator) {
                String text = Files.readString(unit).replace("/opt/linli/bin/",
                        DEPLOY_PI.resolve("rootfs/opt/linli/bin") + "/");
                Path copy = dir.resolve(unit.getFileName());
                Files.writeString(copy, text);
                command.add(copy.toString());
            }
        }
        assertEquals(6, command.size(), "three units: agent, central, kiosk");
        Scripts.Result result = Scripts.run(Map.of(), command);
        assertEquals(0, result.exitCode(), result::stderr);
        assertEquals("", (result.stdout() + result.stderr()).strip());
    }

    @Test
    void everyServiceHasTheHardeningAndRestartPolicy() throws IOException {
        try (Stream<Path> units = Files.list(UNITS)) {
            for (Path unit : (Iterable<Path>) units::iterator) {
                String text = Files.readString(unit);
                for (String key : List.of("Restart=", "StartLimitIntervalSec=", "StartLimitBurst=", "WatchdogSec=",
                        "ProtectSystem=", "PrivateTmp=yes", "User=linli", "NoNewPrivileges=yes")) {
                    assertTrue(text.contains("\n" + key), unit.getFileName() + " lacks " + key);
                }
            }
        }
        String agent = Files.readString(UNITS.resolve("linli-agent.service"));
        // the flags measured with ./linli bench agent (device-agent/README.md)
        assertTrue(agent.contains("-Xmx24m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1"), agent);
        String kiosk = Files.readString(UNITS.resolve("linli-kiosk.service"));
        assertTrue(kiosk.contains("-XX:SharedArchiveFile=/var/lib/linli/kiosk-cds.jsa"), kiosk);
    }
}
