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

    /** The comment lines right above the last line of {@code text}. */
    static String lastCommentBlock(String text) {
        List<String> lines = List.of(text.split("\n"));
        StringBuilder block = new StringBuilder();
        for (int i = lines.size() - 1; i >= 0 && lines.get(i).startsWith("#"); i--) {
            block.insert(0, lines.get(i) + "\n");
        }
        return block.toString();
    }

    /**
     * Review finding L7: {@code systemd-analyze security --offline=true} rates each unit; deploy-pi/README.md says
     * what each scored, and no unit may score worse than that, nor worse than 4.0 ("OK").
     */
    @Test
    void everyUnitsExposureStaysUnderTheValueTheReadmeStates(@TempDir Path dir) throws IOException {
        String readme = Files.readString(DEPLOY_PI.resolve("README.md"));
        java.util.regex.Matcher row = java.util.regex.Pattern.compile(
                "\\| `(linli-[a-z]+\\.service)` \\| ([0-9]+\\.[0-9]) ").matcher(readme);
        java.util.Map<String, Double> documented = new java.util.TreeMap<>();
        while (row.find()) {
            documented.put(row.group(1), Double.parseDouble(row.group(2)));
        }
        assertEquals(java.util.Set.of("linli-agent.service", "linli-central.service", "linli-kiosk.service"),
                documented.keySet(), "deploy-pi/README.md's exposure table");
        for (java.util.Map.Entry<String, Double> unit : documented.entrySet()) {
            Path copy = dir.resolve(unit.getKey());
            Files.writeString(copy, Files.readString(UNITS.resolve(unit.getKey())));
            Scripts.Result result = Scripts.run(Map.of(), List.of("systemd-analyze", "security", "--offline=true",
                    "--no-pager", copy.toString()));
            java.util.regex.Matcher level = java.util.regex.Pattern.compile(
                    "Overall exposure level for " + java.util.regex.Pattern.quote(unit.getKey()) + ": ([0-9.]+)")
                    .matcher(result.stdout() + result.stderr());
            assertTrue(level.find(), () -> result.stdout() + result.stderr());
            double exposure = Double.parseDouble(level.group(1));
            assertTrue(exposure <= unit.getValue() && exposure <= 4.0, unit.getKey() + " scores " + exposure
                    + ", README.md says " + unit.getValue() + ":\n" + result.stdout());
        }
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
        for (String unitName : List.of("linli-agent.service", "linli-central.service", "linli-kiosk.service")) {
            String text = Files.readString(UNITS.resolve(unitName));
            // review finding L7
            for (String key : List.of("UMask=0077", "StateDirectoryMode=0750", "CapabilityBoundingSet=\n",
                    "RestrictAddressFamilies=AF_UNIX ", "SystemCallFilter=@system-service", "SystemCallArchitectures=native",
                    "ProtectClock=yes", "ProtectKernelLogs=yes", "ProtectKernelModules=yes", "ProtectHostname=yes",
                    "LockPersonality=yes", "RestrictNamespaces=yes", "RestrictRealtime=yes", "ProtectProc=invisible",
                    "ProtectSystem=strict", "ProtectHome=yes", "PrivateMounts=yes")) {
                assertTrue(text.contains("\n" + key), unitName + " lacks " + key.strip());
            }
            for (String relaxed : List.of("NotifyAccess=all", "Restart=always")) {
                int at = text.indexOf("\n" + relaxed);
                if (at >= 0) {
                    assertTrue(lastCommentBlock(text.substring(0, at)).contains("Relaxation"),
                            unitName + ": " + relaxed + " without a comment right above saying why (Relaxation: ...)");
                }
            }
        }
        assertFalse(Files.readString(DEPLOY_PI.resolve("rootfs/opt/linli/bin/linli-kiosk-session"))
                .matches("(?s).*exec cage[^\n]* -s .*"), "cage -s lets a lobby keyboard switch to a console");
        String agent = Files.readString(UNITS.resolve("linli-agent.service"));
        // the flags measured with ./linli bench agent (device-agent/README.md)
        assertTrue(agent.contains("-Xmx24m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1"), agent);
        String kiosk = Files.readString(UNITS.resolve("linli-kiosk.service"));
        assertTrue(kiosk.contains("-XX:SharedArchiveFile=/var/lib/linli/kiosk-cds.jsa"), kiosk);
    }
}
