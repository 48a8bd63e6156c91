package org.linli.agent.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parsed YAML with environment overrides: every lookup by key path ({@code mqtt.url}, {@code locks.0.relay-pin})
 * first asks for {@code LINLI_} + the path upper-cased with {@code .} and {@code -} as {@code _}, so any key, even
 * one absent from the file, can be set by the environment.
 */
final class ConfigTree {
    private final Map<String, Object> root;
    private final Map<String, String> env;
    private final String source;

    ConfigTree(Map<String, Object> root, Map<String, String> env, String source) {
        this.root = root;
        this.env = env;
        this.source = source;
    }

    static String envName(String path) {
        return "LINLI_" + path.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The raw value at a path (an env override wins), or null. */
    Object raw(String path) {
        String override = env.get(envName(path));
        if (override != null) {
            return override;
        }
        Object node = root;
        for (String part : path.split("\\.")) {
            if (node instanceof Map<?, ?> map) {
                node = map.get(part);
            } else if (node instanceof List<?> list && part.chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(part);
                node = index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
        }
        return node;
    }

    boolean has(String path) {
        return raw(path) != null;
    }

    String string(String path, String fallback) throws ConfigException {
        Object value = raw(path);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Map || value instanceof List) {
            throw error(path, "must be a single value, not a section");
        }
        String text = value.toString().trim();
        return text.isEmpty() ? fallback : text;
    }

    String requireString(String path) throws ConfigException {
        String value = string(path, null);
        if (value == null) {
            throw error(path, "is required (or set " + envName(path) + ")");
        }
        return value;
    }

    long number(String path, long fallback, long min, long max) throws ConfigException {
        String value = string(path, null);
        if (value == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw error(path, "must be a whole number (got '" + value + "')");
        }
        if (parsed < min || parsed > max) {
            throw error(path, "must be between " + min + " and " + max + " (got " + parsed + ")");
        }
        return parsed;
    }

    int requireNumber(String path, int min, int max) throws ConfigException {
        if (!has(path)) {
            throw error(path, "is required");
        }
        return (int) number(path, 0, min, max);
    }

    boolean bool(String path, boolean fallback) throws ConfigException {
        String value = string(path, null);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(path, "must be true or false (got '" + value + "')");
        };
    }

    String oneOf(String path, String fallback, String... allowed) throws ConfigException {
        String value = string(path, fallback);
        for (String candidate : allowed) {
            if (candidate.equals(value)) {
                return value;
            }
        }
        throw error(path, "must be one of " + String.join(", ", allowed) + " (got '" + value + "')");
    }

    /** How many entries the list at {@code path} has (0 when absent). */
    int size(String path) throws ConfigException {
        Object value = raw(path);
        if (value == null) {
            return 0;
        }
        if (!(value instanceof List<?> list)) {
            throw error(path, "must be a list");
        }
        return list.size();
    }

    ConfigException error(String path, String problem) {
        return new ConfigException(source + ": " + path + " " + problem);
    }
}
