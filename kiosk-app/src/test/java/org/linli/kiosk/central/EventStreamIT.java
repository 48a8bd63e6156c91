package org.linli.kiosk.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.linli.kiosk.Kiosk;

/** The live-event stream over real HTTP: events in order, and a reconnect that resumes where it broke off. */
class EventStreamIT {
    final SampleCentral central;
    final Connectivity connectivity = new Connectivity(Runnable::run);
    final List<ServerEvent> received = new CopyOnWriteArrayList<>();
    final EventStream stream;

    EventStreamIT() throws Exception {
        central = new SampleCentral("stream-key", InstantSource.system(), Kiosk.zone()).start(0);
        stream = new EventStream(central.url(), "stream-key", SampleCentral.HUB, connectivity, received::add);
    }

    @AfterEach
    void close() {
        stream.close();
        central.close();
    }

    private List<String> names() {
        return received.stream().map(ServerEvent::name).toList();
    }

    @Test
    void readsNamedEventsWithTheirData() throws Exception {
        stream.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> central.listeners() == 1);
        central.roomChanged("hall", "occupied", true, 12);
        await().atMost(Duration.ofSeconds(10)).until(() -> names().equals(List.of("open", "room")));
        ServerEvent room = received.get(1);
        assertEquals("1", room.id());
        assertEquals(12, CentralClient.mapper().readTree(room.data()).path("count").asInt());
    }

    @Test
    void resumesAfterTheLastEventItSawWhenTheServiceReturns() throws Exception {
        stream.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> central.listeners() == 1);
        central.roomChanged("hall", "occupied", true, 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);

        central.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> !connectivity.isOnline());
        central.roomChanged("hall", "free", false, 0); // happens while the kiosk is cut off
        central.restart();

        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 4);
        assertEquals(List.of("open", "room", "open", "room"), names());
        assertEquals("2", received.get(3).id(), "only the missed event is replayed");
        assertEquals(true, connectivity.isOnline());
    }

    @Test
    void refusedKeyIsNotMistakenForAnEvent() {
        try (EventStream wrong = new EventStream(central.url(), "wrong", SampleCentral.HUB, connectivity,
                received::add).start()) {
            central.roomChanged("hall", "occupied", true, 3);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(received::isEmpty);
            assertEquals(0, central.listeners());
        }
    }
}
