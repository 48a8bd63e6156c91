package org.linli.protocol.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.function.Function;

/**
 * Parses YAML with SnakeYAML loaded in a class loader that is dropped afterwards, so that SnakeYAML's ~150 classes
 * (~1 MB of class metadata in a 64 MB agent that reads its configuration once) are unloaded by the next full
 * collection instead of staying for the life of the process. The agent's {@code Main} asks for that collection once
 * it has started. The parser ({@link YamlParser}) and SnakeYAML come from their own jars (or class directories);
 * what comes back is plain JDK types.
 */
final class IsolatedYaml {
    private static final String PARSER = "org.linli.protocol.config.YamlParser";

    private IsolatedYaml() {
    }

    /** @throws IllegalArgumentException with SnakeYAML's message when the text is not valid YAML */
    @SuppressWarnings("unchecked")
    static Object parse(String text) {
        try (URLClassLoader loader = new URLClassLoader("yaml", new URL[] {jarOf("org/yaml/snakeyaml/Yaml.class"),
                jarOf(PARSER.replace('.', '/') + ".class")}, ClassLoader.getPlatformClassLoader())) {
            Function<String, Object> parser = (Function<String, Object>) loader.loadClass(PARSER)
                    .getConstructor().newInstance();
            return parser.apply(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the YAML parser is not on the class path", e);
        }
    }

    /** Where a class file of the application's class path comes from: its jar, or its class directory. */
    private static URL jarOf(String resource) throws IOException {
        URL url = IsolatedYaml.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " is not on the class path");
        }
        if (url.openConnection() instanceof JarURLConnection jar) {
            return jar.getJarFileURL();
        }
        String path = url.toString();
        return URI.create(path.substring(0, path.length() - resource.length())).toURL();
    }
}
