package org.linli.agent.systemd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Tells systemd about the agent ({@code READY=1}, {@code WATCHDOG=1}, {@code STOPPING=1}) when it runs as a
 * {@code Type=notify} unit. {@code NOTIFY_SOCKET} is a Unix <em>datagram</em> socket, and the JDK only speaks Unix
 * stream sockets ({@code SocketChannel}, JEP 380), so without native code the one portable way is systemd's own
 * {@code systemd-notify --pid=<our pid>}: it waits until the manager has read the message (no race with its own exit)
 * and the unit needs {@code NotifyAccess=all}, because the sender is our child, not the main process.
 */
public final class SystemdNotifier {
    private static final System.Logger LOG = System.getLogger(SystemdNotifier.class.getName());
    private static final long TIMEOUT_S = 5;

    private final Path command;
    private final long pid;
    private final Duration watchdog;

    SystemdNotifier(Path command, long pid, Duration watchdog) {
        this.command = command;
        this.pid = pid;
        this.watchdog = watchdog;
    }

    /**
     * The notifier for this process, or empty when systemd did not ask for notifications ({@code NOTIFY_SOCKET}
     * unset), when they are meant for another process of the unit ({@code WATCHDOG_PID} names another process, e.g.
     * a wrapper script that feeds the watchdog itself), or when {@code systemd-notify} is not installed.
     *
     * @param path directories searched for {@code systemd-notify}, as in {@code PATH}
     */
    public static Optional<SystemdNotifier> fromEnvironment(Map<String, String> env, long pid, String path) {
        if (env.get("NOTIFY_SOCKET") == null || env.get("NOTIFY_SOCKET").isBlank()) {
            return Optional.empty();
        }
        String watchdogPid = env.get("WATCHDOG_PID");
        if (watchdogPid != null && !watchdogPid.equals(Long.toString(pid))) {
            LOG.log(System.Logger.Level.INFO, "systemd: notifications belong to process {0}, not to this one",
                    watchdogPid);
            return Optional.empty();
        }
        Optional<Path> command = find("systemd-notify", path);
        if (command.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "systemd: NOTIFY_SOCKET is set but systemd-notify is not installed;"
                    + " no READY=1 or watchdog (the unit should not be Type=notify here)");
            return Optional.empty();
        }
        return Optional.of(new SystemdNotifier(command.get(), pid, watchdogPeriod(env.get("WATCHDOG_USEC"))));
    }

    private static Duration watchdogPeriod(String usec) {
        if (usec == null) {
            return null;
        }
        try {
            long micros = Long.parseLong(usec.trim());
            return micros > 0 ? Duration.ofNanos(micros * 1000) : null;
        } catch (NumberFormatException e) {
            LOG.log(System.Logger.Level.WARNING, "systemd: WATCHDOG_USEC ''{0}'' is not a number; no watchdog", usec);
            return null;
        }
    }

    private static Optional<Path> find(String name, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The unit's watchdog timeout ({@code WATCHDOG_USEC}), or empty when the unit has none. */
    public Optional<Duration> watchdogTimeout() {
        return Optional.ofNullable(watchdog);
    }

    /** Sends one state line, e.g. {@code READY=1}; false (and logged) when systemd-notify failed. */
    public boolean send(String state) {
        try {
            Process process = new ProcessBuilder(command.toString(), "--pid=" + pid, state)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                LOG.log(System.Logger.Level.WARNING, "systemd-notify {0} did not finish in {1} s", state, TIMEOUT_S);
                return false;
            }
            if (process.exitValue() != 0) {
                LOG.log(System.Logger.Level.WARNING, "systemd-notify {0} failed with status {1}", state,
                        process.exitValue());
                return false;
            }
            return true;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "systemd-notify " + state + " could not run", e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
