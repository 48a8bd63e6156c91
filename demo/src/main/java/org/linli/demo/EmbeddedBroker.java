package org.linli.demo;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The demo's MQTT 5 broker: HiveMQ CE embedded, listening on loopback only, with its data under the demo's data
 * directory so that retained keys and persistent sessions survive a second run. Only the demo's central service and
 * devices get in, each with the rights production's ACL gives it ({@link BrokerAccess}, an embedded extension): it is
 * for a single machine, never for a hub (production uses Mosquitto with central-broker-config).
 */
public final class EmbeddedBroker implements AutoCloseable {
    private final EmbeddedHiveMQ hivemq;
    private final int port;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, int port) {
        this.hivemq = hivemq;
        this.port = port;
    }

    public static EmbeddedBroker start(Path dataDir, int port, SimpleAuthenticator access) throws Exception {
        Path conf = Files.createDirectories(dataDir.resolve("conf"));
        Files.writeString(conf.resolve("config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>127.0.0.1</bind-address>
                        </tcp-listener>
                    </listeners>
                    <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port));
        // HiveMQ's own start-up lines (among them "default authentication behavior to ALLOW ALL", which the access
        // extension overrides at once) are noise in the demo's terminal: only its warnings and errors are shown
        Files.writeString(conf.resolve("logback.xml"), """
                <configuration>
                    <appender name="console" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>[broker] %level %msg%n</pattern></encoder>
                    </appender>
                    <logger name="com.hivemq" level="WARN"/>
                    <root level="WARN"><appender-ref ref="console"/></root>
                </configuration>
                """);
        // read at logback's first use, which comes before HiveMQ reads the file in its configuration folder
        System.setProperty("logback.configurationFile", conf.resolve("logback.xml").toString());
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(Files.createDirectories(dataDir.resolve("data")))
                .withExtensionsFolder(Files.createDirectories(dataDir.resolve("extensions")))
                .withEmbeddedExtension(EmbeddedExtension.builder()
                        .withId("linli-access").withName("Linli demo access").withVersion("1").withPriority(1000)
                        .withExtensionMain(new ExtensionMain() {
                            @Override
                            public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
                                Services.securityRegistry().setAuthenticatorProvider(provider -> access);
                            }

                            @Override
                            public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
                                // nothing held
                            }
                        }).build())
                .build();
        try {
            hivemq.start().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            hivemq.close();
            throw new IllegalStateException("the embedded MQTT broker did not start on port " + port, e);
        }
        return new EmbeddedBroker(hivemq, port);
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        hivemq.stop().get(30, TimeUnit.SECONDS);
        hivemq.close();
    }
}
