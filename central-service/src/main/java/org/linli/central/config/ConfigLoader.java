package org.linli.central.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the configuration: the built-in {@code application.yaml}, then the {@code --config} file, then
 * {@code LINLI_*} environment variables, then command-line options, each overriding the one before.
 */
public final class ConfigLoader {
    public static final String ENV_PREFIX = "LINLI_";

    private ConfigLoader() {
    }

    /**
     * @param file the {@code --config} file or null
     * @param env the process environment
     * @param overrides keys set on the command line ({@code data.dir}, {@code server.port})
     */
    public static Config load(Path file, Map<String, String> env, Map<String, String> overrides) {
        if (file != null && !Files.isReadable(file)) {
            throw new BadConfigException("the configuration file " + file + " does not exist or cannot be read");
        }
        try {
            Config base = files(Config.builder(), file).build();
            Map<String, String> fromEnv = environmentOverrides(base, env);
            // Sources added first win.
            Config.Builder builder = Config.builder()
                    .addSource(ConfigSources.create(overrides).build())
                    .addSource(ConfigSources.create(fromEnv).build());
            return files(builder, file).build();
        } catch (ConfigException e) {
            throw new BadConfigException("the configuration cannot be read: " + e.getMessage(), e);
        }
    }

    /** The environment variable that overrides a key: {@code data.dir} → {@code LINLI_DATA_DIR}. */
    public static String environmentName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Config.Builder files(Config.Builder builder, Path file) {
        builder.disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource();
        if (file != null) {
            builder.addSource(ConfigSources.file(file).build());
        }
        return builder.addSource(ConfigSources.classpath("application.yaml").build());
    }

    // Only keys the configuration knows can be overridden, so a typo in a variable name cannot invent a key.
    private static Map<String, String> environmentOverrides(Config base, Map<String, String> env) {
        Map<String, String> result = new HashMap<>();
        base.traverse()
                .filter(Config::isLeaf)
                .forEach(node -> {
                    String key = node.key().toString();
                    String value = env.get(environmentName(key));
                    if (value != null) {
                        result.put(key, value);
                    }
                });
        return result;
    }
}
