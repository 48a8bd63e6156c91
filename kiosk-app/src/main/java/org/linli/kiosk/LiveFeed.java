package org.linli.kiosk;

import java.io.IOException;
import java.util.concurrent.Executor;
import org.linli.kiosk.activities.ActivitiesViewModel;
import org.linli.kiosk.central.Json;
import org.linli.kiosk.central.Model.Activity;
import org.linli.kiosk.central.Model.QueueStatus;
import org.linli.kiosk.central.Model.RoomState;
import org.linli.kiosk.central.ServerEvent;
import org.linli.kiosk.home.HomeViewModel;
import org.linli.kiosk.queue.QueueViewModel;
import org.linli.kiosk.rooms.RoomsViewModel;

/**
 * Turns the central service's live events into ViewModel updates: {@code room} into the rooms list, {@code queue}
 * and {@code call} into the home strip and the queue tiles, {@code activity} (one called off) into the activities. JSON is read on the stream's thread; the ViewModels are
 * changed on the screen thread. Other events (devices, alerts, figures) are for staff and are ignored here.
 */
final class LiveFeed {
    private static final System.Logger LOG = System.getLogger(LiveFeed.class.getName());

    private final Executor ui;
    private final HomeViewModel home;
    private final QueueViewModel queue;
    private final RoomsViewModel rooms;
    private final ActivitiesViewModel activities;
    private final Runnable reopened;

    /** @param reopened what to do when the stream (re)opens: reload what may have changed while it was away */
    LiveFeed(Executor ui, HomeViewModel home, QueueViewModel queue, RoomsViewModel rooms,
            ActivitiesViewModel activities, Runnable reopened) {
        this.ui = ui;
        this.home = home;
        this.queue = queue;
        this.rooms = rooms;
        this.activities = activities;
        this.reopened = reopened;
    }

    void accept(ServerEvent event) {
        try {
            switch (event.name()) {
                case "open" -> ui.execute(reopened);
                case "room" -> {
                    RoomState state = RoomState.from(Json.parse(event.data()));
                    if (state.room() != null) {
                        ui.execute(() -> rooms.liveRoom(state));
                    }
                }
                case "queue" -> {
                    QueueStatus status = QueueStatus.from(Json.parse(event.data()));
                    if (status.service() != null) {
                        ui.execute(() -> {
                            home.liveQueue(status);
                            queue.liveQueue(status);
                        });
                    }
                }
                case "call" -> {
                    Json call = Json.parse(event.data());
                    String service = call.path("service").asText();
                    // the number on the strip is "number"; a kiosk is sent no ticket id (docs/api.md)
                    String number = call.path("number").asText();
                    ui.execute(() -> home.called(service, number));
                }
                case "activity" -> {
                    Json json = Json.parse(event.data());
                    if (json.path("status").asText("").equals("cancelled")) {
                        Activity activity = Activity.from(json);
                        ui.execute(() -> activities.liveCalledOff(activity));
                    }
                }
                default -> { }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "unreadable live event " + event.name() + " #" + event.id());
        }
    }
}
