package org.linli.protocol.config;

import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * SnakeYAML's safe parse of one document into plain Java (maps, lists, strings, numbers, booleans). Only
 * {@link IsolatedYaml} loads this class, in a class loader of its own: see there why. It talks to its caller in JDK
 * types only, so nothing of SnakeYAML outlives that loader.
 */
public final class YamlParser implements Function<String, Object> {
    public YamlParser() {
        // made reflectively by IsolatedYaml
    }

    /** @throws IllegalArgumentException with SnakeYAML's message when the text is not valid YAML */
    @Override
    public Object apply(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        try {
            return new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
