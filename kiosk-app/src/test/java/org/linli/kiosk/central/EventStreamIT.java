package org.linli.kiosk.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.kiosk.TestCentral;
import org.linli.protocol.testing.TcpProxy;

/**
 * The live-event stream of the real central service over real HTTP, through a TCP proxy that can cut the network:
 * events in order, and a reconnect that resumes where it broke off.
 */
class EventStreamIT {
    /** Events for staff screens and keep-alives, which arrive on their own timers; the kiosk ignores them. */
    static final Set<String> NOT_FOR_THE_KIOSK = Set.of("figures", "ping");

    @TempDir
    Path dir;
    TestCentral central;
    TcpProxy network;
    final Connectivity connectivity = new Connectivity(Runnable::run);
    final List<ServerEvent> received = new CopyOnWriteArrayList<>();
    EventStream stream;

    @BeforeEach
    void start() throws Exception {
        central = TestCentral.start(dir, TestCentral.clockAt(TestCentral.morning()));
        network = new TcpProxy(central.url().getPort());
        stream = new EventStream(URI.create("http://127.0.0.1:" + network.port()), central.kioskKey(), TestCentral.HUB, connectivity, received::add);
    }

    @AfterEach
    void close() throws Exception {
        stream.close();
        network.close();
        central.close();
    }

    /** The numbered events and the stream's openings; a fresh stream's first state of the rooms is left out. */
    private List<ServerEvent> events() {
        return received.stream().filter(e -> !NOT_FOR_THE_KIOSK.contains(e.name()) && !snapshot(e)).toList();
    }

    /** What a stream started afresh is sent first: each room as it is now, without an id (nothing to resume from). */
    private static boolean snapshot(ServerEvent e) {
        return e.name().equals("room") && e.id() == null;
    }

    private List<String> names() {
        return events().stream().map(ServerEvent::name).toList();
    }

    private static JsonNode data(ServerEvent event) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(event.data());
    }

    @Test
    void readsNamedEventsWithTheirData() throws Exception {
        stream.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> central.listeners() == 1);
        central.drawTicket("affairs");
        await().atMost(Duration.ofSeconds(10)).until(() -> names().equals(List.of("open", "queue")));
        ServerEvent queue = events().get(1);
        assertTrue(queue.id().matches("\\d+"), queue.id());
        // before it, each room of the hub as it is now, so that the rooms screen has something to show at once
        assertTrue(received.stream().filter(EventStreamIT::snapshot).anyMatch(e -> e.data().contains("council-hall")),
                received.toString());
        assertEquals("affairs", data(queue).path("service").asText());
        assertEquals(1, data(queue).path("waiting").asInt());
    }

    @Test
    void resumesAfterTheLastEventItSawWhenTheNetworkReturns() throws Exception {
        stream.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> central.listeners() == 1);
        central.drawTicket("affairs");
        await().atMost(Duration.ofSeconds(10)).until(() -> events().size() == 2);
        long seen = Long.parseLong(events().get(1).id());

        network.kill();
        await().atMost(Duration.ofSeconds(10)).until(() -> !connectivity.isOnline());
        central.drawTicket("affairs"); // happens while the kiosk is cut off
        network.restore();

        await().atMost(Duration.ofSeconds(20)).until(() -> events().size() == 4);
        assertEquals(List.of("open", "queue", "open", "queue"), names());
        // the stream resumed: what it missed, not the whole state again
        assertEquals(received.stream().filter(EventStreamIT::snapshot).count(), received.stream()
                .takeWhile(e -> e != events().get(2)).filter(EventStreamIT::snapshot).count());
        ServerEvent missed = events().get(3);
        assertTrue(Long.parseLong(missed.id()) > seen, "only the missed event is replayed: " + missed.id());
        assertEquals(2, data(missed).path("waiting").asInt());
        assertEquals(true, connectivity.isOnline());
    }

    @Test
    void refusedKeyIsNotMistakenForAnEvent() {
        try (EventStream wrong = new EventStream(central.url(), "wrong", TestCentral.HUB, connectivity,
                received::add).start()) {
            central.drawTicket("affairs");
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(received::isEmpty);
            assertEquals(0, central.listeners());
        }
    }

    /**
     * A pulled cable closes nothing: the stream stays open and silent. The central service pings every 15 s, so a
     * stream that says nothing for longer is dead; the kiosk shows it is offline and connects again.
     */
    @Test
    void aSilentStreamIsTakenForDeadAndOpenedAgain() throws Exception {
        java.util.concurrent.BlockingQueue<java.net.Socket> accepted = new java.util.concurrent.LinkedBlockingQueue<>();
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (true) {
                        java.net.Socket socket = silent.accept();
                        accepted.add(socket);
                        // the headers of an event stream, then nothing at all
                        socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n")
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            Connectivity seen = new Connectivity(Runnable::run);
            try (EventStream quiet = new EventStream(URI.create("http://127.0.0.1:" + silent.getLocalPort()), "key",
                    TestCentral.HUB, seen, received::add, Duration.ofSeconds(1)).start()) {
                java.net.Socket first = accepted.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                assertTrue(first != null, "the stream connects");
                await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isOnline());
                java.net.Socket second = accepted.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                assertTrue(second != null, "a silent stream is opened again");
                first.setSoTimeout(10_000);
                String request = new String(first.getInputStream().readAllBytes(), // to the end: the kiosk closed it
                        java.nio.charset.StandardCharsets.US_ASCII);
                assertTrue(request.startsWith("GET /api/v1/events?hub="), request);
            }
            assertTrue(received.isEmpty());
        }
    }
}
