package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.config.ConfigLoader;
import org.linli.central.config.Settings;
import org.linli.central.web.Json;
import org.linli.protocol.testing.HubTime;

/**
 * A site's first start without {@code --demo}: nothing is pre-made, nobody can sign in, and
 * {@code central admin add} (run beside the running service, as on a site) makes the administrator who can.
 */
class FirstStartIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern PASSWORD = Pattern.compile("\\): (\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path data;
    CentralServer server;
    /** On PostgreSQL, the database of this test (and of the commands run beside the service) */
    private final Map<String, String> database = TestServer.onTheTestedDatabase(Map.of());

    @BeforeEach
    void start() {
        server = CentralServer.start(settings(), HubTime.noon().clock(), false);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Settings settings() {
        Map<String, String> config = new java.util.HashMap<>(database);
        config.putAll(Map.of("data.dir", data.toString(), "server.port", "0", "server.host", "127.0.0.1"));
        return Settings.from(ConfigLoader.load(null, Map.of(), config));
    }

    record Run(int status, String out, String err) {
    }

    /**
     * The command as {@code ./linli central} runs it, with its standard streams captured, on the service's database
     * (unless it names a configuration of its own).
     */
    private Run command(String stdin, String... given) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(given));
        if (!args.contains("--config")) {
            args.addAll(TestServer.databaseArgs(data, database.get("db.url")));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Tools(new BufferedReader(new StringReader(stdin)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                HubTime.noon().clock(), Locale.ENGLISH).run(args.toArray(String[]::new));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> login(String user, String password) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(Map.of("username", user, "password", password))))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path, String token) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + path)).header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body();
    }

    private long count(String table) {
        return server.components().db().read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void nothingIsPreMadeWithoutTheDemo() throws Exception {
        for (String table : new String[] {"staff", "hub", "room", "service", "counter", "kiosk", "device"}) {
            assertEquals(0, count(table), table + " must start empty");
        }
        assertFalse(Files.exists(data.resolve(Seeding.CREDENTIALS)), "no demo credentials outside --demo");
        assertEquals(401, login("admin", "admin").statusCode());
    }

    /** Starts the service again on the same data; answers what it logged while starting. */
    private java.util.List<String> restart() {
        java.util.List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler listening = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                said.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(CentralServer.class.getName());
        log.addHandler(listening);
        try {
            server.close();
            server = CentralServer.start(settings(), HubTime.noon().clock(), false);
        } finally {
            log.removeHandler(listening);
        }
        return said;
    }

    @Test
    void aStartWithNobodyToSignInAndNoBrokerSaysSoAndHow() {
        java.util.List<String> said = restart();
        assertTrue(said.stream().anyMatch(line -> line.contains("central admin add")), said.toString());
        assertTrue(said.stream().anyMatch(line -> line.contains("mqtt.url")), said.toString());

        assertEquals(0, command("", "admin", "add", "chen.li", "--role", "admin", "--data", data.toString()).status());
        java.util.List<String> again = restart();
        assertFalse(again.stream().anyMatch(line -> line.contains("admin add")), "an administrator exists: " + again);
    }

    @Test
    void theFirstAdministratorIsMadeByTheCommandAndCanSignInAtOnce() throws Exception {
        Run added = command("", "admin", "add", "chen.li", "--role", "admin", "--data", data.toString());
        assertEquals(0, added.status(), added.err());
        assertTrue(added.out().contains("chen.li") && added.out().contains("every hub"), added.out());
        Matcher shown = PASSWORD.matcher(added.out());
        assertTrue(shown.find(), "the generated password is printed once: " + added.out());
        String password = shown.group(1);
        assertTrue(password.length() >= 12, password);

        HttpResponse<String> signedIn = login("chen.li", password);
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        JsonNode session = Json.MAPPER.readTree(signedIn.body());
        assertEquals("admin", session.get("role").asText());
        String audit = get("/api/v1/audit?action=admin", session.get("token").asText());
        assertTrue(audit.contains("\"CLI admin add\"") && audit.contains("chen.li as admin")
                && audit.contains("\"console\""), "the command is in the audit log: " + audit);
        assertEquals(401, login("chen.li", password + "x").statusCode());
    }

    @Test
    void aPasswordFromStandardInputIsUsedAndNotPrinted() throws Exception {
        Run added = command("a long enough secret\n", "admin", "add", "wang", "--role", "admin", "--password-stdin",
                "--data", data.toString());
        assertEquals(0, added.status(), added.err());
        assertFalse(added.out().contains("a long enough secret"), added.out());
        assertEquals(200, login("wang", "a long enough secret").statusCode());
    }

    @Test
    void anExistingNameIsNotOverwritten() throws Exception {
        command("first password 1\n", "admin", "add", "wang", "--role", "admin", "--password-stdin",
                "--data", data.toString());
        Run again = command("second password 2\n", "admin", "add", "wang", "--role", "admin", "--password-stdin",
                "--data", data.toString());
        assertEquals(1, again.status());
        assertTrue(again.err().contains("already"), again.err());
        assertEquals(200, login("wang", "first password 1").statusCode());
        assertEquals(401, login("wang", "second password 2").statusCode());
    }

    @Test
    void wrongUseSaysWhatIsWrong() {
        Run noRole = command("", "admin", "add", "wang", "--data", data.toString());
        assertEquals(2, noRole.status());
        assertTrue(noRole.err().contains("--role"), noRole.err());
        Run operatorWithoutHub = command("", "admin", "add", "wang", "--role", "operator", "--data", data.toString());
        assertEquals(1, operatorWithoutHub.status());
        assertTrue(operatorWithoutHub.err().contains("hub"), operatorWithoutHub.err());
        Run unknownHub = command("", "admin", "add", "wang", "--role", "counter", "--hub", "nowhere",
                "--data", data.toString());
        assertEquals(1, unknownHub.status());
        assertTrue(unknownHub.err().contains("nowhere"), unknownHub.err());
        Run shortPassword = command("short\n", "admin", "add", "wang", "--role", "admin", "--password-stdin",
                "--data", data.toString());
        assertEquals(1, shortPassword.status());
        assertTrue(shortPassword.err().contains("password"), shortPassword.err());
        assertEquals(0, count("staff"));
        // a wrong setting in the configuration is named, without the command's usage around it
        Path config = data.resolve("broken.yaml");
        try {
            Files.writeString(config, "server:\n  tls:\n    certificate: /nowhere/c.pem\n    private-key: /nowhere/k.pem\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Run broken = command("", "backup", data.resolve("b").toString(), "--config", config.toString());
        assertEquals(2, broken.status());
        assertTrue(broken.err().contains("server.tls.certificate") && !broken.err().contains("usage"), broken.err());
    }

    @Test
    void theCommandSpeaksChineseToAChineseTerminal() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("admin", "add", "zhang", "--role",
                "admin", "--data", data.toString()));
        args.addAll(TestServer.databaseArgs(data, database.get("db.url")));
        int status = new Tools(new BufferedReader(new StringReader("")), new PrintStream(out, true,
                StandardCharsets.UTF_8), System.err, HubTime.noon().clock(), Locale.SIMPLIFIED_CHINESE)
                .run(args.toArray(String[]::new));
        assertEquals(0, status);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("全部邻里汇") && text.contains("只显示这一次"), text);
    }
}
