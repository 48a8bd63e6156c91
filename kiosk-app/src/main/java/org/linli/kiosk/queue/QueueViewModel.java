package org.linli.kiosk.queue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.linli.kiosk.central.CentralClient;
import org.linli.kiosk.central.Model.QueueStatus;
import org.linli.kiosk.central.Model.Service;
import org.linli.kiosk.central.Model.Ticket;
import org.linli.kiosk.print.ReceiptPrinter;
import org.linli.kiosk.rating.RatingViewModel;
import org.linli.kiosk.session.Async;
import org.linli.kiosk.session.ConsentPrompt;
import org.linli.kiosk.session.Problems;
import org.linli.kiosk.session.Resettable;

/** Take a number: service tiles with the current wait, a priority question, then the ticket. */
public final class QueueViewModel implements Resettable {
    public enum Step { SERVICES, PRIORITY, WORKING, TICKET, PROBLEM }

    /** A service tile: the service and its queue now (null while unknown). */
    public record Tile(Service service, QueueStatus queue) {
        public int waiting() {
            return queue == null ? 0 : queue.waiting();
        }

        public int waitMinutes() {
            return queue == null ? 0 : queue.estimatedWaitMinutes();
        }

        /**
         * About how many minutes each person in the line takes, as the line moves (the service's own time, shared
         * among its open counters): "4 人 · 约 16 分钟" beside "3 人 · 约 36 分钟" read as a mistake until each says
         * "每人约 4 分钟" and "每人约 12 分钟". 0 with nobody waiting.
         */
        public int paceMinutes() {
            return waiting() == 0 ? 0 : Math.max(1, Math.round((float) waitMinutes() / waiting()));
        }

        /** Every counter of the service is closed now: the tile says so instead of a wait (a number may be drawn). */
        public boolean noCounterOpen() {
            return queue != null && queue.noCounterOpen();
        }
    }

    private final CentralClient central;
    private final Async async;
    private final ReceiptPrinter printer;
    private final RatingViewModel rating;
    private final URI centralUrl;
    private final org.linli.kiosk.session.ResidentSession resident;
    private final ObservableList<Tile> tiles = FXCollections.observableArrayList();
    // one read-only view, kept: a view made per call would be collected and drop its listeners
    private final ObservableList<Tile> tilesReadOnly = FXCollections.unmodifiableObservableList(tiles);
    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.SERVICES);
    private final ReadOnlyObjectWrapper<Tile> chosen = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Ticket> ticket = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    // the Idempotency-Key of the draw being tried, and the service it is for
    private String drawKey;
    private String drawKeyService;

    public QueueViewModel(CentralClient central, Async async, ReceiptPrinter printer, RatingViewModel rating,
            URI centralUrl, org.linli.kiosk.session.ResidentSession resident) {
        this.resident = resident;
        this.central = central;
        this.async = async;
        this.printer = printer;
        this.rating = rating;
        this.centralUrl = centralUrl;
    }

    public ObservableList<Tile> tiles() {
        return tilesReadOnly;
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tile> chosenProperty() {
        return chosen.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Ticket> ticketProperty() {
        return ticket.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public void refresh() {
        loading.set(true);
        async.run(() -> {
            List<Service> services = central.hub().services();
            Map<String, QueueStatus> queues = central.queues().stream()
                    .collect(Collectors.toMap(QueueStatus::service, Function.identity(), (a, b) -> a));
            return services.stream().map(s -> new Tile(s, queues.get(s.id()))).toList();
        }, loaded -> {
            loading.set(false);
            org.linli.kiosk.session.Lists.replace(tiles, loaded);
        }, failure -> {
            loading.set(false);
            message.set(Problems.messageKey(failure, "queue.refused"));
            if (tiles.isEmpty()) {
                step.set(Step.PROBLEM);
            }
        });
    }

    /**
     * A {@code queue} event: the service's tile shows the new wait at once, and a ticket of the service on screen
     * whether a counter serving it is open (a clerk back from lunch).
     */
    public void liveQueue(QueueStatus status) {
        for (int i = 0; i < tiles.size(); i++) {
            if (tiles.get(i).service().id().equals(status.service())) {
                tiles.set(i, new Tile(tiles.get(i).service(), tiles.get(i).queue() == null ? status
                        : tiles.get(i).queue().updatedBy(status)));
            }
        }
        Ticket shown = ticket.get();
        if (shown != null && status.service().equals(shown.service()) && "waiting".equals(shown.state())) {
            ticket.set(shown.withCountersOpen(status.countersOpen()));
        }
    }

    public void choose(Tile tile) {
        chosen.set(tile);
        step.set(Step.PRIORITY);
    }

    /** @param priority elderly (70+), pregnant, disabled, or with a small child: served first */
    public void take(boolean priority) {
        take(priority, null);
    }

    /**
     * @param consentVersion the privacy notice agreed to, when the number the resident typed earlier in the visit
     *     is new to the central service (a check-in kept while it was away), or null
     */
    private void take(boolean priority, String consentVersion) {
        Tile tile = chosen.get();
        if (tile == null || step.get() == Step.WORKING) {
            return;
        }
        step.set(Step.WORKING);
        Map<String, String> who = new java.util.HashMap<>(resident.identity("token"));
        if (consentVersion != null) {
            who.put(ConsentPrompt.FIELD, consentVersion);
        }
        // one key for every try at this service until a ticket is shown: a try whose answer was lost (the resident
        // saw "try again") is answered with the ticket it drew, not with a second one
        if (drawKey == null || !tile.service().id().equals(drawKeyService)) {
            drawKey = java.util.UUID.randomUUID().toString();
            drawKeyService = tile.service().id();
        }
        String key = drawKey;
        async.run(() -> central.ticket(tile.service().id(), priority, who, key), taken -> {
            drawKey = null;
            ticket.set(taken);
            rating.remember(new RatingViewModel.Subject("ticket", taken.id(), tile.service().name()));
            step.set(Step.TICKET);
            if (printer.present()) {
                async.runQuietly("printing ticket " + taken.number(), () -> {
                    printer.print(slip(tile, taken, statusUrl(taken)));
                    return null;
                });
            }
        }, failure -> {
            if (ConsentPrompt.needed(failure)) {
                step.set(Step.PRIORITY);
                resident.consent().ask(failure, () -> take(priority, ConsentPrompt.VERSION), () -> { });
                return;
            }
            message.set(Problems.messageKey(failure, "queue.refused"));
            step.set(Step.PROBLEM);
        });
    }

    /** Whether the ticket is printed too: the screen then says to take the slip. */
    public boolean printerPresent() {
        return printer.present();
    }

    /**
     * Where a phone that scans the ticket's QR can follow it: the central's public address (server.public-url) when
     * it gave one, else the kiosk's own address of the central, which only phones on the hub's network reach.
     */
    public String statusUrl(Ticket t) {
        if (t.statusUrl() != null && (t.statusUrl().startsWith("https://") || t.statusUrl().startsWith("http://"))) {
            return t.statusUrl();
        }
        return centralUrl.resolve("/ticket/" + t.id()).toString();
    }

    /**
     * The same for the QR on the screen: a resident who used the kiosk in English gets the phone page in English
     * ({@code ?lang=en}); without it the page is Chinese, whatever the phone is set to. (The printed slip is for
     * either language and keeps the plain address.)
     */
    public String statusUrl(Ticket t, boolean english) {
        String url = statusUrl(t);
        return english ? url + (url.contains("?") ? "&" : "?") + "lang=en" : url;
    }

    /** The printed slip: bilingual, so it never depends on the screen's language. */
    static ReceiptPrinter.Slip slip(Tile tile, Ticket t, String statusUrl) {
        return new ReceiptPrinter.Slip("排队号 " + tile.service().name().zh(), "Ticket · " + tile.service().name().en(),
                t.number(), t.noCounterOpen()
                        // no minutes to print: nobody serves the service now (the line is wide, so one a language)
                        ? List.of("前面还有 " + t.peopleAhead() + " 人 · " + t.peopleAhead() + " ahead of you",
                                "窗口暂停服务，开窗后按顺序叫号", "No counter open now; called in turn once one opens")
                        : List.of("前面还有 " + t.peopleAhead() + " 人 · " + t.peopleAhead() + " ahead of you",
                                "约 " + t.estimatedWaitMinutes() + " 分钟 · about " + t.estimatedWaitMinutes()
                                        + " min"),
                statusUrl);
    }

    public void back() {
        boolean retired = message.get().equals(Problems.RETIRED);
        step.set(Step.SERVICES);
        message.set("");
        if (retired) {
            refresh(); // the service was retired since the tiles were loaded
        }
    }

    @Override
    public void reset() {
        step.set(Step.SERVICES);
        drawKey = null;
        chosen.set(null);
        ticket.set(null);
        message.set("");
    }
}
