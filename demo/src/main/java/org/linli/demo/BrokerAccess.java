package org.linli.demo;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Properties;
import org.linli.protocol.Ids;

/**
 * Who may use the demo's embedded broker, and for what: the same rules as production's Mosquitto ACL
 * (central-broker-config/mosquitto/acl), for review finding L8. Without it any local user could publish a retained
 * {@code access/keys} and make the demo's doors accept tokens of their own.
 *
 * <ul>
 *   <li>{@value #CENTRAL} with the password the demo generated for it: reads what devices say, writes commands, keys,
 *       revocations and room states; its client ids start with its user name (it may open more than one connection).
 *   <li>a device, with the password central generated for it ({@code device.<id>.password} in
 *       {@code demo-credentials.properties}, read when it connects: central writes the file after the broker starts):
 *       writes its own four channels, reads its own commands and receipts and its hub's access topics; its client id
 *       is its user name, so no device takes over another's session (review finding M2).
 *   <li>anyone else: refused.
 * </ul>
 */
final class BrokerAccess implements SimpleAuthenticator {
    static final String CENTRAL = "svc.central";
    private static final String PREFIX = "linli/v1/";
    private static final String[] DEVICE_CHANNELS = {"status", "occupancy", "events", "telemetry"};

    private final Path deviceCredentials;
    private final String hub;
    private final byte[] centralPassword;

    /**
     * @param deviceCredentials central's {@code demo-credentials.properties}
     * @param hub the demo's hub: the access topics its devices read
     */
    BrokerAccess(Path deviceCredentials, String hub, String centralPassword) {
        this.deviceCredentials = deviceCredentials;
        this.hub = hub;
        this.centralPassword = centralPassword.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectPacket connect = input.getConnectPacket();
        String user = connect.getUserName().orElse("");
        byte[] password = connect.getPassword().map(BrokerAccess::bytes).orElse(new byte[0]);
        String clientId = connect.getClientId();
        ModifiableDefaultPermissions permissions = output.getDefaultPermissions();
        if (user.equals(CENTRAL) && MessageDigest.isEqual(password, centralPassword)) {
            if (!clientId.startsWith(CENTRAL)) {
                output.failAuthentication(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                        "the central service's client ids start with " + CENTRAL);
                return;
            }
            centralRights(permissions);
        } else if (Ids.isValid(user) && devicePassword(user).map(p -> MessageDigest.isEqual(password, p))
                .orElse(false)) {
            if (!clientId.equals(user)) {
                output.failAuthentication(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                        "a device's client id is its user name");
                return;
            }
            deviceRights(permissions, user);
        } else {
            output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "unknown user or wrong password");
            return;
        }
        permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
        output.authenticateSuccessfully();
    }

    private void centralRights(ModifiableDefaultPermissions permissions) {
        permissions.add(allow("devices/#", TopicPermission.MqttActivity.SUBSCRIBE));
        permissions.add(allow("devices/+/cmd", TopicPermission.MqttActivity.PUBLISH));
        permissions.add(allow("devices/+/ack", TopicPermission.MqttActivity.PUBLISH));
        for (String topic : new String[] {"hubs/+/access/keys", "hubs/+/access/revoked", "hubs/+/access/revoked/+",
                "hubs/+/rooms/+/state"}) {
            permissions.add(allow(topic, TopicPermission.MqttActivity.ALL));
        }
    }

    private void deviceRights(ModifiableDefaultPermissions permissions, String device) {
        for (String channel : DEVICE_CHANNELS) {
            permissions.add(allow("devices/" + device + "/" + channel, TopicPermission.MqttActivity.PUBLISH));
        }
        permissions.add(allow("devices/" + device + "/cmd", TopicPermission.MqttActivity.SUBSCRIBE));
        permissions.add(allow("devices/" + device + "/ack", TopicPermission.MqttActivity.SUBSCRIBE));
        permissions.add(allow("hubs/" + hub + "/access/#", TopicPermission.MqttActivity.SUBSCRIBE));
    }

    private static TopicPermission allow(String filter, TopicPermission.MqttActivity activity) {
        return Builders.topicPermission().topicFilter(PREFIX + filter).type(TopicPermission.PermissionType.ALLOW)
                .activity(activity).build();
    }

    /** Read at every connect: the file is small, and central writes it after the broker has started. */
    private Optional<byte[]> devicePassword(String device) {
        Properties credentials = new Properties();
        try (Reader reader = Files.newBufferedReader(deviceCredentials, StandardCharsets.UTF_8)) {
            credentials.load(reader);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(credentials.getProperty("device." + device + ".password"))
                .map(p -> p.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.asReadOnlyBuffer();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
