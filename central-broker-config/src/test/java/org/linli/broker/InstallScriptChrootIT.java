package org.linli.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code deploy-pi/install.sh} end to end in a throwaway Debian 13 (trixie) arm64 root, run twice for each role: the
 * second run must change nothing. The chroot plumbing (debootstrap under qemu-user-static once, then a cached
 * tarball; apt's downloads kept in {@link #CACHE}; mounts in a private namespace) is
 * {@code deploy-pi/test/install-in-chroot.sh}, which also lists the stand-ins for what cannot run in a chroot.
 * The programs installed are stand-in files: what is checked is where they land, not that they run.
 */
class InstallScriptChrootIT {
    /** Outside the repository so that it survives a clean clone; CI machines of the same kind keep it too. */
    static final Path CACHE = Path.of("/var/cache/linli-test");
    static final Path DEPLOY_PI = DeployPiChecksIT.DEPLOY_PI;
    static final Path ROOTFS = DEPLOY_PI.resolve("rootfs");
    static final List<String> GROUPS = List.of("gpio", "video", "dialout", "input", "i2c");
    /** The first run builds the base root under qemu (tens of minutes on two busy cores); a cached run takes minutes. */
    static final long TIMEOUT_SECONDS = 3600;
    static final int SKIP = 77;
    /**
     * The roles checked: the agent by default (installing a Java runtime under qemu takes minutes); all three with
     * {@code -Dlinli.chroot.roles=agent,central,kiosk}.
     */
    static final List<String> ROLES = List.of(System.getProperty("linli.chroot.roles", "agent").split(","));

    @TempDir
    static Path dir;
    static Path out;
    static Path jars;

    @BeforeAll
    static void installEachRoleTwiceInAnArm64Root() throws IOException {
        out = Files.createDirectories(dir.resolve("out"));
        jars = standInJars(dir.resolve("jars"));
        List<String> command = new ArrayList<>(List.of(DEPLOY_PI.resolve("test/install-in-chroot.sh").toString(),
                "--cache", CACHE.toString(), "--out", out.toString(), "--jars", jars.toString()));
        command.addAll(ROLES);
        long start = System.nanoTime();
        Scripts.Result result = Scripts.run(Map.of(), command, TIMEOUT_SECONDS);
        assumeTrue(result.exitCode() != SKIP, () -> "this machine cannot run install.sh in an arm64 root: "
                + result.stdout().strip());
        assertEquals(0, result.exitCode(), () -> "install-in-chroot.sh failed:\n" + result.stdout() + result.stderr());
        System.out.printf("install-in-chroot.sh took %d s%n%s", (System.nanoTime() - start) / 1_000_000_000L,
                result.stdout());
    }

    static Path standInJars(Path jarsDir) throws IOException {
        Files.createDirectories(jarsDir.resolve("lib"));
        for (String role : List.of("kiosk", "agent", "central")) {
            Files.writeString(jarsDir.resolve(module(role) + ".jar"), "stand-in for " + module(role) + "\n");
        }
        Files.writeString(jarsDir.resolve("lib/stand-in-dependency.jar"), "stand-in dependency\n");
        return jarsDir;
    }

    static List<String> roles() {
        return ROLES;
    }

    static String module(String role) {
        return switch (role) {
            case "kiosk" -> "kiosk-app";
            case "agent" -> "device-agent";
            case "central" -> "central-service";
            default -> throw new IllegalArgumentException(role);
        };
    }

    @ParameterizedTest
    @MethodSource("roles")
    void secondRunChangesNothing(String role) throws IOException {
        List<String> before = Files.readAllLines(out.resolve(role + "/before.txt"));
        List<String> after = Files.readAllLines(out.resolve(role + "/after.txt"));
        assertTrue(before.size() > 300, "the snapshot covers /etc and more: " + before.size() + " entries");
        List<String> changed = new ArrayList<>(after);
        changed.removeAll(before);
        List<String> gone = new ArrayList<>(before);
        gone.removeAll(after);
        assertTrue(changed.isEmpty() && gone.isEmpty(),
                () -> "the second run changed (path, type, mode, owner, size, mtime, ctime, link, sha256):\nbefore: "
                        + String.join("\nbefore: ", gone) + "\nafter:  " + String.join("\nafter:  ", changed));
        assertEquals(List.of("linli-install: in a chroot: not starting linli-" + role + ".service (it starts on boot)",
                        "linli-install: " + role + " installed"),
                Files.readAllLines(out.resolve(role + "/run2.log")), "the second run's whole output");
    }

    @ParameterizedTest
    @MethodSource("roles")
    void firstRunSaysWhatItChanged(String role) throws IOException {
        String log = Files.readString(out.resolve(role + "/run1.log"));
        for (String line : List.of("installing openjdk-21-jre", "created user linli", "added linli to ",
                "wrote /etc/systemd/system/linli-" + role + ".service", "installed /opt/linli/" + module(role),
                "enabled linli-" + role + ".service")) {
            assertTrue(log.contains("linli-install: " + line), () -> "run1.log lacks '" + line + "':\n" + log);
        }
    }

    @ParameterizedTest
    @MethodSource("roles")
    void shippedFilesAndProgramsAreInPlace(String role) throws IOException {
        Map<String, Entry> files = snapshot(role);
        List<String> shipped = new ArrayList<>(List.of("etc/udev/rules.d/60-linli.rules",
                "etc/systemd/system.conf.d/linli-watchdog.conf", "etc/systemd/system/linli-" + role + ".service"));
        if (role.equals("kiosk")) {
            shipped.add("etc/pam.d/linli-kiosk");
        }
        for (String path : shipped) {
            assertFile(files, "/" + path, "644", "root:root", sha256(ROOTFS.resolve(path)));
        }
        assertFile(files, "/opt/linli/bin/linli-run", "755", "root:root", sha256(ROOTFS.resolve("opt/linli/bin/linli-run")));
        if (role.equals("kiosk")) {
            assertFile(files, "/opt/linli/bin/linli-kiosk-session", "755", "root:root",
                    sha256(ROOTFS.resolve("opt/linli/bin/linli-kiosk-session")));
        }
        assertFile(files, "/etc/linli/" + role + ".yaml", "640", "root:linli",
                sha256(ROOTFS.resolve("etc/linli/" + role + ".yaml.example")));
        String module = module(role);
        assertFile(files, "/opt/linli/" + module + "/" + module + ".jar", "644", "root:root",
                sha256(jars.resolve(module + ".jar")));
        assertFile(files, "/opt/linli/" + module + "/lib/stand-in-dependency.jar", "644", "root:root",
                sha256(jars.resolve("lib/stand-in-dependency.jar")));
        assertDirectory(files, "/etc/linli", "750", "root:linli");
        assertDirectory(files, "/var/lib/linli", "750", "linli:linli");
        assertDirectory(files, "/opt/linli/" + module, "755", "root:root");
        for (String other : List.of("kiosk", "agent", "central")) {
            if (!other.equals(role)) {
                assertFalse(files.containsKey("/etc/systemd/system/linli-" + other + ".service"), other + " unit");
                assertFalse(files.containsKey("/opt/linli/" + module(other)), other + " program");
            }
        }
        String target = role.equals("kiosk") ? "graphical" : "multi-user";
        Entry wants = files.get("/etc/systemd/system/" + target + ".target.wants/linli-" + role + ".service");
        assertTrue(wants != null && wants.type().equals("l")
                && wants.link().equals("/etc/systemd/system/linli-" + role + ".service"), "enabled by a link: " + wants);
    }

    @ParameterizedTest
    @MethodSource("roles")
    void linliUserHasItsGroupsAndTheUnitIsEnabled(String role) throws IOException {
        Map<String, String> facts = facts(role);
        assertTrue(facts.get("passwd").matches("linli:x:\\d+:\\d+::/var/lib/linli:/usr/sbin/nologin"),
                "a system user without a login: " + facts.get("passwd"));
        List<String> groups = List.of(facts.get("groups").split(" "));
        assertTrue(groups.containsAll(GROUPS) && groups.contains("linli"), "groups: " + groups);
        assertEquals("enabled", facts.get("enabled"));
        // the root starts, like Raspberry Pi OS Lite, with the console target and a login prompt on tty1
        if (role.equals("kiosk")) {
            assertEquals("graphical.target", facts.get("default"));
            assertEquals("disabled", facts.get("getty"), "the kiosk session replaces the login prompt on tty1");
        } else {
            assertEquals("multi-user.target", facts.get("default"));
            assertEquals("enabled", facts.get("getty"), "other roles keep the login prompt on tty1");
        }
    }

    @ParameterizedTest
    @MethodSource("roles")
    void javaTwentyOneOrNewerRunsInTheArm64Root(String role) throws IOException {
        String java = facts(role).get("java");
        Matcher version = Pattern.compile("openjdk version \"(\\d+)").matcher(java);
        assertTrue(version.find(), "java -version said: " + java);
        assertTrue(Integer.parseInt(version.group(1)) >= 21, java);
    }

    @ParameterizedTest
    @MethodSource("roles")
    void eachRoleGetsItsOwnPrograms(String role) throws IOException {
        List<String> commands = List.of(facts(role).get("commands").split(" "));
        assertTrue(commands.contains("/usr/bin/java"), "commands: " + commands);
        assertEquals(role.equals("kiosk"), commands.contains("/usr/bin/cage") && commands.contains("/usr/bin/Xwayland"),
                "cage and Xwayland only on the kiosk: " + commands);
        assertEquals(role.equals("central"), commands.contains("/usr/sbin/mosquitto"),
                "mosquitto only on the central host: " + commands);
    }

    record Entry(String type, String mode, String owner, String link, String sha256) {
    }

    /** The state after the second run: path -> type, mode, owner, link target, sha256 (files only). */
    static Map<String, Entry> snapshot(String role) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out.resolve(role + "/after.txt"))) {
            String[] f = line.split("\t", -1);
            entries.put(f[0], new Entry(f[1], f[2], f[3], f[7], f.length > 8 ? f[8] : ""));
        }
        return entries;
    }

    /** facts.txt: one "key TAB value" a line; a repeated key (java -version prints three lines) is joined. */
    static Map<String, String> facts(String role) throws IOException {
        Map<String, String> facts = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out.resolve(role + "/facts.txt"))) {
            int tab = line.indexOf('\t');
            facts.merge(line.substring(0, tab), line.substring(tab + 1), (a, b) -> a + "\n" + b);
        }
        return facts;
    }

    static void assertFile(Map<String, Entry> files, String path, String mode, String owner, String sha256) {
        assertEquals(new Entry("f", mode, owner, "", sha256), files.get(path), path);
    }

    static void assertDirectory(Map<String, Entry> files, String path, String mode, String owner) {
        assertEquals(new Entry("d", mode, owner, "", ""), files.get(path), path);
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
