package org.linli.central.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.linli.protocol.config.ConfigError;
import org.linli.protocol.config.YamlConfig;

/**
 * Builds the configuration: the built-in {@code application.yaml}, then the {@code --config} file, then
 * {@code LINLI_*} environment variables, then command-line options, each overriding the one before. The reading is
 * the programs' shared {@link YamlConfig}; the service's components get the result as a Helidon {@link Config}.
 */
public final class ConfigLoader {
    public static final String ENV_PREFIX = YamlConfig.ENV_PREFIX;

    private ConfigLoader() {
    }

    /**
     * @param file the {@code --config} file or null
     * @param env the process environment
     * @param overrides keys set on the command line ({@code data.dir}, {@code server.port})
     */
    public static Config load(Path file, Map<String, String> env, Map<String, String> overrides) {
        try {
            YamlConfig yaml = YamlConfig.of(env).withYaml(builtIn(), "application.yaml (built in)");
            if (file != null) {
                yaml = yaml.withFile(file);
            }
            yaml = yaml.withOverrides(overrides, "the command line");
            // Only keys the configuration knows can be overridden, so a typo in a variable name cannot invent a key.
            Map<String, String> values = new LinkedHashMap<>(yaml.values());
            overrides.forEach(values::put);
            Config config = Config.just(ConfigSources.create(values).build());
            checked(config, yaml, file);
            return config;
        } catch (ConfigError e) {
            throw new BadConfigException(e.getMessage(), e);
        }
    }

    /**
     * Reads the settings once here, where it is known which file or variable each value came from: their checks
     * name the key first ("server.port must be …"), and the error then says where that value was set. Whether the
     * TLS files can be read is the caller's to ask (Settings.from): a restore may be what puts them there.
     */
    private static void checked(Config config, YamlConfig yaml, Path file) {
        try {
            Settings.from(config, false);
            LiveSettings.from(config);
        } catch (BadConfigException e) {
            String message = e.getMessage();
            int space = message.indexOf(' ');
            String key = space > 0 ? message.substring(0, space) : "";
            String origin = yaml.keys().contains(key) ? yaml.origin(key) : file == null ? "configuration" : file.toString();
            throw new BadConfigException(origin + ": " + message, e);
        }
    }

    /** The environment variable that overrides a key: {@code data.dir} → {@code LINLI_DATA_DIR}. */
    public static String environmentName(String key) {
        return YamlConfig.environmentName(key);
    }

    private static String builtIn() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream("/application.yaml")) {
            if (in == null) {
                throw new IllegalStateException("application.yaml is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
