package org.linli.agent.occupancy;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import org.linli.agent.AgentLoop;
import org.linli.agent.hardware.BeamPair;
import org.linli.agent.outbox.Reporter;

/**
 * A room's occupancy from its sensors. A PIR never says "empty": the room stays occupied for the hold time after its
 * last motion. A beam pair counts people in and out, never below zero, and is zeroed at closing time. The state is
 * published when it changes and as a heartbeat. Every method runs on the agent loop.
 */
public final class RoomOccupancy {
    public static final String PIR = "pir";
    public static final String BEAM = "beam";

    private final String room;
    private final boolean counting;
    private final Reporter reporter;
    private final AgentLoop loop;
    private final Set<String> moving = new HashSet<>();
    private final Map<String, ScheduledFuture<?>> holds = new HashMap<>();
    private final Map<String, BeamCounter> beams = new HashMap<>();
    private int count;
    private Boolean publishedOccupied;
    private Integer publishedCount;
    private String source;

    /** @param counting whether the room has a beam pair, so {@code count} is known */
    public RoomOccupancy(String room, boolean counting, Reporter reporter, AgentLoop loop) {
        this.room = room;
        this.counting = counting;
        this.reporter = reporter;
        this.loop = loop;
        this.source = counting ? BEAM : PIR;
    }

    public String room() {
        return room;
    }

    /** A PIR's output changed; {@code sensor} tells the room's PIRs apart. */
    public void motion(String sensor, boolean active, Duration hold) {
        ScheduledFuture<?> pending = holds.remove(sensor);
        if (pending != null) {
            pending.cancel(false);
        }
        if (active) {
            moving.add(sensor);
            update(PIR);
        } else if (moving.contains(sensor)) {
            holds.put(sensor, loop.schedule(hold, () -> {
                holds.remove(sensor);
                moving.remove(sensor);
                update(PIR);
            }));
        }
    }

    /** A beam of one of the room's beam pairs was broken or restored. */
    public void beam(String pair, BeamPair.Beam beam, boolean broken) {
        beams.computeIfAbsent(pair, p -> new BeamCounter()).beam(beam, broken).ifPresent(direction -> {
            count = direction == BeamCounter.Direction.IN ? count + 1 : Math.max(0, count - 1);
            update(BEAM);
        });
    }

    /** Closing time: whoever the beams missed on the way out, the room is empty now. */
    public void resetCount() {
        count = 0;
        update(BEAM);
    }

    /** Publishes the state even though nothing changed, so the central service knows the sensors are alive. */
    public void heartbeat() {
        publish();
    }

    public boolean occupied() {
        return !moving.isEmpty() || (counting && count > 0);
    }

    public Integer count() {
        return counting ? count : null;
    }

    private void update(String cause) {
        boolean occupied = occupied();
        Integer current = count();
        if (publishedOccupied == null || occupied != publishedOccupied || !Objects.equals(current, publishedCount)) {
            source = cause;
            publish();
        }
    }

    private void publish() {
        publishedOccupied = occupied();
        publishedCount = count();
        reporter.occupancy(room, publishedOccupied, publishedCount, source);
    }
}
