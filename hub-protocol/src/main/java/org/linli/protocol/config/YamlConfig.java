package org.linli.protocol.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one configuration loader of the three programs: YAML files read as dotted key paths ({@code mqtt.url},
 * {@code locks.0.relay-pin} for the first entry of a list), each key overridable by an environment variable
 * ({@code LINLI_} + the path upper-cased with {@code .} and {@code -} as {@code _}) and by explicit overrides (the
 * command line, system properties), with typed getters whose errors name the key and where its value came from.
 *
 * <p>Precedence, highest first: overrides, the environment, the files (a later file over an earlier one). Each
 * program decides which keys exist and what they mean; this class only reads and checks values. Instances are
 * immutable: every {@code with…} returns a new one.
 */
public final class YamlConfig {
    /** The prefix of the environment variables that override keys. */
    public static final String ENV_PREFIX = "LINLI_";

    private final Map<String, Leaf> leaves;
    private final Map<String, Integer> lists;
    private final Set<String> sections;
    private final Map<String, String> env;
    private final Map<String, Leaf> overrides;
    private final String source;

    private record Leaf(String value, String origin) {
    }

    private YamlConfig(Map<String, Leaf> leaves, Map<String, Integer> lists, Set<String> sections,
            Map<String, String> env, Map<String, Leaf> overrides, String source) {
        this.leaves = leaves;
        this.lists = lists;
        this.sections = sections;
        this.env = env;
        this.overrides = overrides;
        this.source = source;
    }

    /** No file yet: keys come from {@code env} (the process environment, or a map in tests) and defaults. */
    public static YamlConfig of(Map<String, String> env) {
        return new YamlConfig(Map.of(), Map.of(), Set.of(), Map.copyOf(env), Map.of(), "configuration");
    }

    /** Reads {@code file} (none: an empty configuration) with {@code env} as overrides. */
    public static YamlConfig load(Path file, Map<String, String> env) {
        YamlConfig config = of(env);
        return file == null ? config : config.withFile(file);
    }

    /** The environment variable that overrides a key: {@code data.dir} → {@code LINLI_DATA_DIR}. */
    public static String environmentName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** This configuration with {@code file}'s keys over its own. */
    public YamlConfig withFile(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ConfigError(file + ": no such file, or it cannot be read");
        }
        try {
            return withYaml(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new ConfigError(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * A YAML document as plain Java (maps, lists, strings, numbers, booleans; duplicate keys refused), parsed by
     * SnakeYAML in a class loader that is dropped afterwards ({@link IsolatedYaml}): for the other YAML files a program
     * reads once, such as the central service's catalogue seed.
     *
     * @throws IllegalArgumentException with SnakeYAML's message when the text is not valid YAML
     */
    public static Object parse(String text) {
        return IsolatedYaml.parse(text);
    }

    /** This configuration with the keys of a YAML document (named {@code origin} in errors) over its own. */
    public YamlConfig withYaml(String text, String origin) {
        Object document;
        try {
            document = IsolatedYaml.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigError(origin + ": not valid YAML: " + firstLines(e.getMessage()), e);
        }
        if (document != null && !(document instanceof Map<?, ?>)) {
            throw new ConfigError(origin + ": the top level must be a mapping of keys, e.g. 'hub:'");
        }
        Map<String, Leaf> newLeaves = new LinkedHashMap<>(leaves);
        Map<String, Integer> newLists = new HashMap<>(lists);
        Set<String> newSections = new LinkedHashSet<>(sections);
        if (document != null) {
            flatten("", document, origin, newLeaves, newLists, newSections);
        }
        return new YamlConfig(Collections.unmodifiableMap(newLeaves), Map.copyOf(newLists),
                Collections.unmodifiableSet(newSections), env, overrides, origin);
    }

    /** This configuration with {@code values} (flat keys) over everything else, named {@code origin} in errors. */
    public YamlConfig withOverrides(Map<String, String> values, String origin) {
        Map<String, Leaf> merged = new HashMap<>(overrides);
        values.forEach((key, value) -> merged.put(key, new Leaf(value, origin)));
        return new YamlConfig(leaves, lists, sections, env, Map.copyOf(merged), source);
    }

    private static void flatten(String path, Object node, String origin, Map<String, Leaf> leaves,
            Map<String, Integer> lists, Set<String> sections) {
        if (node instanceof Map<?, ?> map) {
            if (!path.isEmpty()) {
                sections.add(path);
                leaves.remove(path);
            }
            map.forEach((k, v) -> flatten(path.isEmpty() ? String.valueOf(k) : path + "." + k, v, origin, leaves,
                    lists, sections));
        } else if (node instanceof List<?> list) {
            sections.add(path);
            leaves.remove(path);
            // a later file's list replaces an earlier one's, entry by entry
            leaves.keySet().removeIf(key -> key.startsWith(path + "."));
            lists.put(path, list.size());
            for (int i = 0; i < list.size(); i++) {
                flatten(path + "." + i, list.get(i), origin, leaves, lists, sections);
            }
        } else if (node != null) {
            sections.remove(path);
            leaves.put(path, new Leaf(node.toString(), origin));
        }
    }

    /** The keys the files set, in their order: what a program whose keys are all in its files can override. */
    public Set<String> keys() {
        return leaves.keySet();
    }

    /** Every key of the files with its value after overrides (lists flattened to {@code list.0.key}). */
    public Map<String, String> values() {
        Map<String, String> result = new LinkedHashMap<>();
        for (String key : leaves.keySet()) {
            result.put(key, raw(key).value());
        }
        return result;
    }

    /** Where the value of {@code key} comes from: the override's name, the environment variable, or the file. */
    public String origin(String key) {
        Leaf leaf = raw(key);
        return leaf == null ? source : leaf.origin();
    }

    private Leaf raw(String key) {
        Leaf override = overrides.get(key);
        if (override != null) {
            return override;
        }
        String variable = environmentName(key);
        String fromEnv = env.get(variable);
        if (fromEnv != null) {
            return new Leaf(fromEnv, "environment variable " + variable);
        }
        return leaves.get(key);
    }

    /** Whether the key has a value (empty text counts as none). */
    public boolean has(String key) {
        return string(key, null) != null;
    }

    /** The trimmed text at {@code key}, or {@code fallback} when it is absent or empty. */
    public String string(String key, String fallback) {
        Leaf leaf = raw(key);
        if (leaf == null) {
            if (sections.contains(key)) {
                throw error(key, "must be a single value, not a section");
            }
            return fallback;
        }
        String text = leaf.value().strip();
        return text.isEmpty() ? fallback : text;
    }

    public String requireString(String key) {
        String value = string(key, null);
        if (value == null) {
            throw error(key, "is required (or set " + environmentName(key) + ")");
        }
        return value;
    }

    /** A whole number within {@code [min, max]}, or {@code fallback} when absent. */
    public long number(String key, long fallback, long min, long max) {
        String value = string(key, null);
        if (value == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw error(key, "must be a whole number (got '" + value + "')");
        }
        if (parsed < min || parsed > max) {
            throw error(key, "must be between " + min + " and " + max + " (got " + parsed + ")");
        }
        return parsed;
    }

    public int requireNumber(String key, int min, int max) {
        if (!has(key)) {
            throw error(key, "is required (or set " + environmentName(key) + ")");
        }
        return (int) number(key, 0, min, max);
    }

    /** true/yes/on or false/no/off; {@code fallback} when absent. */
    public boolean bool(String key, boolean fallback) {
        String value = string(key, null);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(key, "must be true or false (got '" + value + "')");
        };
    }

    /** One of {@code allowed}; {@code fallback} when absent. */
    public String oneOf(String key, String fallback, String... allowed) {
        String value = string(key, fallback);
        for (String candidate : allowed) {
            if (candidate.equals(value)) {
                return value;
            }
        }
        throw error(key, "must be one of " + String.join(", ", allowed) + " (got '" + value + "')");
    }

    /** How many entries the list at {@code key} has (0 when absent). */
    public int size(String key) {
        Integer size = lists.get(key);
        if (size != null) {
            return size;
        }
        if (raw(key) != null || sections.contains(key)) {
            throw error(key, "must be a list");
        }
        return 0;
    }

    /** An error about {@code key}, prefixed with where its value came from. */
    public ConfigError error(String key, String problem) {
        return new ConfigError(origin(key) + ": " + key + " " + problem);
    }

    private static String firstLines(String message) {
        if (message == null) {
            return "unreadable";
        }
        List<String> lines = new ArrayList<>(message.lines().limit(3).map(String::strip).toList());
        return String.join(" ", lines);
    }
}
