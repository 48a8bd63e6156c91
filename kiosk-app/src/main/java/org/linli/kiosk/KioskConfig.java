package org.linli.kiosk;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.linli.protocol.config.ConfigError;
import org.linli.protocol.config.YamlConfig;

/**
 * The kiosk's settings: a YAML file whose nested keys are read as dotted paths ({@code central.url}), each
 * overridable by an environment variable {@code LINLI_} + the path upper-cased with {@code .} and {@code -} as
 * {@code _}.
 *
 * @param cameraCommand shell command whose standard output is raw YUV420 frames, or null
 * @param cameraFrames a directory (or file) of PNG frames used instead of a camera, or null
 * @param printerDevice a device file such as {@code /dev/usb/lp0}, or null
 * @param printerHost a network ESC/POS printer (port 9100 unless {@code printer.port}), or null
 * @param staffPin the PIN that lets staff leave the kiosk; null means the kiosk cannot be left from the screen
 * @param hideCursor {@code kiosk.hide-cursor}: no mouse pointer on a touch screen (default: yes)
 * @param speech {@code speech.enabled}: short spoken prompts through espeak-ng when it is installed (default: no)
 * @param centralCaFile {@code central.ca-file}: the PEM CA the central's HTTPS certificate is checked against (the
 *     project's own CA, deploy-pi/README.md); null: the JVM's trusted CAs
 * @param screenDpi {@code screen.dpi}: the panel's pixels per inch, which touch targets (15 mm) are sized from; 0:
 *     the usual panel for the window's size ({@link org.linli.kiosk.ui.Form#usualDpi})
 */
public record KioskConfig(URI centralUrl, String kioskKey, String hubId, Path dataDir, String cameraCommand,
        Path cameraFrames, int cameraWidth, int cameraHeight, String printerDevice, String printerHost,
        int printerPort, Locale language, String staffPin, Duration idleAfter, Duration idleWarning,
        Duration syncEvery, boolean hideCursor, boolean speech, Path centralCaFile, int screenDpi) {

    /** Reads the file (if any) and the environment; an error names the file (or variable) and the key. */
    public static KioskConfig load(Path file, Map<String, String> env) throws ConfigException {
        YamlConfig config;
        Map<String, String> values = new LinkedHashMap<>();
        try {
            config = YamlConfig.load(file, env);
            values.putAll(config.values());
            for (String key : KEYS) {
                // the shared loader's environment overrides, for the keys the file leaves out
                String value = config.string(key, null);
                if (value != null) {
                    values.put(key, value);
                }
            }
        } catch (ConfigError e) {
            throw new ConfigException(e.getMessage());
        }
        try {
            return from(values);
        } catch (ConfigException e) {
            // the checks below name their key first (or quoted): say where its value came from
            String key = KEYS.stream().filter(k -> e.getMessage().startsWith(k + " ")
                    || e.getMessage().startsWith(k + ":") || e.getMessage().contains("'" + k + "'")).findFirst()
                    .orElse("");
            throw new ConfigException(config.origin(key) + ": " + e.getMessage());
        }
    }

    static final java.util.List<String> KEYS = java.util.List.of("central.url", "kiosk.key", "hub.id", "data.dir",
            "camera.command", "camera.frames", "camera.width", "camera.height", "printer.device", "printer.host",
            "printer.port", "language", "staff.pin", "idle.seconds", "idle.warning-seconds", "sync.seconds",
            "kiosk.hide-cursor", "speech.enabled", "central.ca-file", "screen.dpi");

    /** Builds the settings from flat dotted keys, checking each. */
    public static KioskConfig from(Map<String, String> values) throws ConfigException {
        for (String key : values.keySet()) {
            if (!KEYS.contains(key)) {
                throw new ConfigException("unknown setting '" + key + "' (known: " + String.join(", ", KEYS) + ")");
            }
        }
        URI central = uri(required(values, "central.url"));
        String key = required(values, "kiosk.key");
        String hub = required(values, "hub.id");
        Path dataDir = Path.of(values.getOrDefault("data.dir", "data"));
        Path frames = Optional.ofNullable(values.get("camera.frames")).map(Path::of).orElse(null);
        Path caFile = Optional.ofNullable(blankToNull(values.get("central.ca-file"))).map(Path::of).orElse(null);
        if (caFile != null && !Files.isReadable(caFile)) {
            throw new ConfigException("central.ca-file: cannot read " + caFile);
        }
        if (frames != null && !Files.exists(frames)) {
            throw new ConfigException("camera.frames: " + frames + " does not exist");
        }
        String language = values.getOrDefault("language", "zh");
        if (!language.equals("zh") && !language.equals("en")) {
            throw new ConfigException("language must be zh or en, not '" + language + "'");
        }
        int idle = number(values, "idle.seconds", 60, 5, 3600);
        int warning = number(values, "idle.warning-seconds", 10, 1, idle - 1);
        String pin = values.get("staff.pin");
        if (pin != null && !pin.matches("\\d{4,8}")) {
            throw new ConfigException("staff.pin must be 4 to 8 digits");
        }
        return new KioskConfig(central, key, hub, dataDir, blankToNull(values.get("camera.command")), frames,
                number(values, "camera.width", 640, 16, 4096), number(values, "camera.height", 480, 16, 4096),
                blankToNull(values.get("printer.device")), blankToNull(values.get("printer.host")),
                number(values, "printer.port", 9100, 1, 65535), Locale.of(language), pin,
                Duration.ofSeconds(idle), Duration.ofSeconds(warning),
                Duration.ofSeconds(number(values, "sync.seconds", 15, 1, 3600)),
                yesNo(values, "kiosk.hide-cursor", true), yesNo(values, "speech.enabled", false), caFile,
                number(values, "screen.dpi", 0, 50, 600));
    }

    private static boolean yesNo(Map<String, String> values, String key, boolean fallback) throws ConfigException {
        String text = blankToNull(values.get(key));
        if (text == null) {
            return fallback;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigException(key + " must be true or false, not '" + text + "'");
        };
    }

    private static String required(Map<String, String> values, String key) throws ConfigException {
        String value = blankToNull(values.get(key));
        if (value == null) {
            throw new ConfigException("missing setting '" + key + "' (set it in the YAML file or as LINLI_"
                    + key.toUpperCase(Locale.ROOT).replace('.', '_') + ")");
        }
        return value;
    }

    private static URI uri(String text) throws ConfigException {
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ConfigException("central.url must be an http(s) address, not '" + text + "'");
            }
            // The kiosk key and residents' phone numbers cross this link: in clear only within this machine.
            if ("http".equals(uri.getScheme()) && !loopback(uri.getHost())) {
                throw new ConfigException("central.url must be https:// (http:// only to this machine, e.g."
                        + " http://127.0.0.1:8080), not '" + text + "'");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException("central.url is not an address: " + e.getMessage());
        }
    }

    /** Whether a host name or literal address is this machine's loopback, without asking a name server. */
    static boolean loopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.matches("127(\\.\\d{1,3}){3}") || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1");
    }

    private static int number(Map<String, String> values, String key, int fallback, int min, int max)
            throws ConfigException {
        String text = values.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < min || value > max) {
                throw new ConfigException(key + " must be between " + min + " and " + max + ", not " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number, not '" + text + "'");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The same settings with another central address (tests point the kiosk at a server on a free port). */
    public KioskConfig withCentral(URI url) {
        return new KioskConfig(url, kioskKey, hubId, dataDir, cameraCommand, cameraFrames, cameraWidth,
                cameraHeight, printerDevice, printerHost, printerPort, language, staffPin, idleAfter, idleWarning,
                syncEvery, hideCursor, speech, centralCaFile, screenDpi);
    }
}
