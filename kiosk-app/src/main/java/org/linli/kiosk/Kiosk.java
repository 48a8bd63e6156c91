package org.linli.kiosk;

import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import org.linli.kiosk.activities.ActivitiesView;
import org.linli.kiosk.activities.ActivitiesViewModel;
import org.linli.kiosk.card.CardView;
import org.linli.kiosk.card.CardViewModel;
import org.linli.kiosk.central.Catalogue;
import org.linli.kiosk.central.CentralClient;
import org.linli.kiosk.central.Connectivity;
import org.linli.kiosk.central.EventStream;
import org.linli.kiosk.central.Model.RoomState;
import org.linli.kiosk.central.Names;
import org.linli.kiosk.central.Outbox;
import org.linli.kiosk.central.OutboxSender;
import org.linli.kiosk.checkin.CameraPreview;
import org.linli.kiosk.checkin.CheckinView;
import org.linli.kiosk.checkin.CheckinViewModel;
import org.linli.kiosk.home.HomeView;
import org.linli.kiosk.home.HomeViewModel;
import org.linli.kiosk.mybookings.MyBookingsView;
import org.linli.kiosk.mybookings.MyBookingsViewModel;
import org.linli.kiosk.print.EscPosPrinter;
import org.linli.kiosk.print.ReceiptPrinter;
import org.linli.kiosk.queue.QueueView;
import org.linli.kiosk.queue.QueueViewModel;
import org.linli.kiosk.rating.RatingView;
import org.linli.kiosk.rating.RatingViewModel;
import org.linli.kiosk.rooms.RoomsView;
import org.linli.kiosk.rooms.RoomsViewModel;
import org.linli.kiosk.scan.CommandFrameSource;
import org.linli.kiosk.scan.DirectoryFrameSource;
import org.linli.kiosk.scan.FrameSource;
import org.linli.kiosk.scan.ScanLoop;
import org.linli.kiosk.session.Async;
import org.linli.kiosk.ui.Form;
import org.linli.kiosk.ui.I18n;
import org.linli.kiosk.session.ResidentSession;
import org.linli.kiosk.session.Screen;
import org.linli.kiosk.ui.Shell;
import org.linli.kiosk.session.ShellViewModel;
import org.linli.kiosk.session.StaffExit;
import org.linli.kiosk.ui.Theme;
import org.linli.kiosk.ui.View;

/**
 * The whole kiosk wired with plain constructors. {@link Main} builds one for the real window; the tests, the
 * screenshot tour and the benchmark build the same one against a central service of their choosing.
 * Build it on the JavaFX thread.
 */
public final class Kiosk implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Kiosk.class.getName());

    private final KioskConfig config;
    private final TrackingExecutor background = new TrackingExecutor();
    private final Outbox outbox;
    private final OutboxSender sender;
    private final Connectivity connectivity;
    private final I18n i18n;
    private final ShellViewModel shell;
    private final HomeViewModel home;
    private final CheckinViewModel checkin;
    private final org.linli.kiosk.session.ConsentPrompt consent;
    private final QueueViewModel queue;
    private final RoomsViewModel rooms;
    private final ActivitiesViewModel activities;
    private final RatingViewModel rating;
    private final CardViewModel card;
    private final MyBookingsViewModel myBookings;
    private final StaffExit staffExit;
    private final CameraPreview camera;
    private final Shell view;
    private final ScanLoop scanLoop;
    private final Timeline homeRefresh;
    private final Timeline listRefresh;
    private final EventStream events;
    private final Speech speech;
    private final Scene scene;

    /**
     * @param zone the hub's time zone ({@link HubZone#await}): clocks, slots and dates are shown in it. There is no
     *     default on purpose: a kiosk in a hub elsewhere would show another day's slots and book them.
     */
    public Kiosk(KioskConfig config, InstantSource clock, Runnable exit, double width, double height, ZoneId zone)
            throws IOException {
        this.config = config;
        // the panel is fixed for a kiosk's life: its shape is taken once, from the size the window opens at
        Form form = Form.of(width, height);
        camera = new CameraPreview(form.compact() ? 0.55 : form.portrait() ? 1.4 : 1);
        Executor ui = Platform::runLater;
        Async async = new Async(background, ui);
        connectivity = new Connectivity(ui);
        CentralClient central = new CentralClient(config.centralUrl(), config.kioskKey(), config.hubId(), connectivity);
        outbox = new Outbox(config.dataDir().resolve("outbox.db"), clock);
        sender = new OutboxSender(central, outbox, clock, zone);
        ReceiptPrinter printer = printer(config);
        i18n = new I18n(config.language());
        Map<String, RoomState> live = new ConcurrentHashMap<>();

        Catalogue catalogue = new Catalogue();
        ResidentSession resident = new ResidentSession();
        consent = resident.consent();
        rating = new RatingViewModel(sender, async);
        home = new HomeViewModel(central, async, clock, zone, catalogue);
        checkin = new CheckinViewModel(sender, clock, config.hubId(), async, rating, catalogue, resident);
        queue = new QueueViewModel(central, async, printer, rating, config.centralUrl(), resident);
        rooms = new RoomsViewModel(central, async, printer, rating, clock, zone, live, resident);
        activities = new ActivitiesViewModel(central, async, clock, zone, resident);
        card = new CardViewModel(central, async, printer, resident);
        myBookings = new MyBookingsViewModel(central, async, clock, zone, resident);
        // going home forgets what was typed; who the resident is, and what they did that a rating is about, last
        // until "done" or the idle reset
        shell = new ShellViewModel(List.of(checkin, queue, rooms, activities, card, myBookings, rating),
                resident,
                config.idleAfter(), config.idleWarning(), clock);
        shell.whenFinished(i18n::reset);
        // a language chosen on the attract screen, or kept by the header's "home", goes back after the idle time too
        shell.keepArmedOnHomeWhile(i18n.switched());
        shell.whenFinished(rating::forget);
        shell.whenShown(Screen.HOME, home::refresh);
        shell.whenShown(Screen.QUEUE, queue::refresh);
        shell.whenShown(Screen.ROOMS, rooms::refresh);
        shell.whenShown(Screen.ACTIVITIES, activities::refresh);
        shell.whenShown(Screen.MY_BOOKINGS, myBookings::start);

        // each screen is built the first time it is shown: the attract screen is up sooner, and screens nobody
        // visits cost nothing
        Map<Screen, Supplier<View>> builders = new EnumMap<>(Screen.class);
        // one rule for leaving a screen: "done" (and the idle reset) ends the visit, forgetting the resident and going
        // back to the kiosk's language; "back" is one step back and the header's "home" goes to the start, both
        // still knowing who the resident is and in their language
        builders.put(Screen.HOME, () -> new HomeView(home, i18n, shell::go, zone, form,
                connectivity.onlineProperty(), clock));
        boolean hasCamera = config.cameraCommand() != null || config.cameraFrames() != null;
        builders.put(Screen.CHECKIN, () -> new CheckinView(checkin, i18n, hasCamera ? camera : null, shell::finish,
                shell::home, () -> shell.go(Screen.QUEUE), form, connectivity.onlineProperty(), zone, clock));
        builders.put(Screen.QUEUE, () -> new QueueView(queue, i18n, shell::finish, shell::home, zone, form,
                connectivity.onlineProperty()));
        builders.put(Screen.ROOMS, () -> new RoomsView(rooms, i18n, shell::finish, shell::home, zone, form,
                connectivity.onlineProperty()));
        builders.put(Screen.ACTIVITIES, () -> new ActivitiesView(activities, i18n, shell::finish, shell::home, zone,
                form, connectivity.onlineProperty(), clock, catalogue));
        builders.put(Screen.RATING, () -> new RatingView(rating, i18n, shell::finish, shell::home, form));
        builders.put(Screen.CARD, () -> new CardView(card, i18n, shell::finish, shell::home, zone, form,
                connectivity.onlineProperty()));
        builders.put(Screen.MY_BOOKINGS, () -> new MyBookingsView(myBookings, i18n, shell::finish, shell::home,
                () -> shell.go(Screen.CARD), () -> shell.go(Screen.ROOMS), zone, form, connectivity.onlineProperty(),
                catalogue, hasCamera));
        Map<Screen, View> views = new EnumMap<>(Screen.class);
        staffExit = new StaffExit(config.staffPin(), clock, exit);
        var hubName = new SimpleObjectProperty<Names>(new Names("邻里汇", "Neighbourhood Hub"));
        hubName.bind(home.hubNameProperty());
        view = new Shell(shell, i18n, connectivity,
                screen -> views.computeIfAbsent(screen, which -> builders.get(which).get()), clock, zone, staffExit,
                hubName, form, resident.consent());

        LiveFeed feed = new LiveFeed(ui, home, queue, rooms, activities, () -> {
            if (shell.screen() == Screen.HOME) {
                home.refresh();
            }
        });
        events = new EventStream(config.centralUrl(), config.kioskKey(), config.hubId(), connectivity, feed::accept);
        speech = Speech.from(config.speech(), System.getenv());
        SpokenPrompt prompt = new SpokenPrompt(i18n, hasCamera, () -> activities.weekProperty().get());
        shell.screenProperty().addListener((o, was, now) -> speech.say(prompt.on(now), i18n.locale()));
        // "today" and "next 7 days" say what the list now shows; once the screen has settled, because going home
        // puts "today" back on the way, and there the attract screen's prompt is the one to hear
        activities.weekProperty().addListener((o, was, now) -> Platform.runLater(() -> {
            if (shell.screen() == Screen.ACTIVITIES) {
                speech.say(prompt.on(Screen.ACTIVITIES), i18n.locale());
            }
        }));
        scanLoop = cameraLoop(config);
        // the camera looks for codes where one is asked for: check-in, and "my bookings" for the resident card
        shell.screenProperty().addListener((o, was, now) -> {
            boolean wanted = now == Screen.CHECKIN || now == Screen.MY_BOOKINGS;
            boolean wasWanted = was == Screen.CHECKIN || was == Screen.MY_BOOKINGS;
            if (scanLoop != null && wanted && !wasWanted) {
                scanLoop.start();
            } else if (scanLoop != null && wasWanted && !wanted) {
                scanLoop.stop();
            }
        });
        scene = new Scene(view.root(), width, height);
        Theme.apply(scene, form, config.screenDpi() > 0 ? config.screenDpi() : form.usualDpi());
        homeRefresh = new Timeline(new KeyFrame(javafx.util.Duration.seconds(30), e -> {
            if (shell.screen() == Screen.HOME) {
                home.refresh();
            }
        }));
        homeRefresh.setCycleCount(Animation.INDEFINITE);
        // the activities on screen are asked again every 30 s by the kiosk's clock: their places left stay current
        // (one called off is told on the live stream)
        listRefresh = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> {
            if (shell.screen() == Screen.ACTIVITIES) {
                activities.tick();
            }
        }));
        listRefresh.setCycleCount(Animation.INDEFINITE);
    }

    /** Starts the timers and input watching; the attract screen loads its data. */
    public void start(LongSupplier nanos) {
        view.attach(scene, nanos, this::scanned);
        sender.start(config.syncEvery());
        events.start();
        homeRefresh.play();
        listRefresh.play();
        shell.home();
    }

    /**
     * A code from the camera or a HID scanner: on "my bookings" it is the resident's card, on any other screen a
     * check-in. While the hub is closed there is nothing to check in to: the attract screen says when it opens.
     */
    public void scanned(String code) {
        Runnable handle = () -> {
            shell.idle().touch();
            if (shell.screen() == Screen.MY_BOOKINGS) {
                myBookings.scanned(code);
                return;
            }
            // by the clock now: the attract screen looks at it only while it is shown, and a resident may have
            // come in before closing (or before opening) and scan on another screen after it
            home.checkOpening();
            if (!home.open()) {
                shell.home();
                return;
            }
            if (shell.screen() != Screen.CHECKIN) {
                shell.go(Screen.CHECKIN);
            }
            checkin.scanned(code);
        };
        if (Platform.isFxApplicationThread()) {
            handle.run();
        } else {
            Platform.runLater(handle);
        }
    }

    private ScanLoop cameraLoop(KioskConfig config) {
        if (config.cameraCommand() == null && config.cameraFrames() == null) {
            return null;
        }
        java.util.function.Supplier<FrameSource> source = config.cameraCommand() != null ? () -> {
            try {
                return new CommandFrameSource(config.cameraCommand(), config.cameraWidth(), config.cameraHeight());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        } : () -> new DirectoryFrameSource(config.cameraFrames());
        Duration pause = config.cameraCommand() != null ? Duration.ZERO : Duration.ofMillis(100);
        return new ScanLoop(source, pause, this::scanned, camera::offer);
    }

    private static ReceiptPrinter printer(KioskConfig config) {
        if (config.printerDevice() != null) {
            return EscPosPrinter.device(config.printerDevice());
        }
        if (config.printerHost() != null) {
            return EscPosPrinter.network(config.printerHost(), config.printerPort());
        }
        return ReceiptPrinter.NONE;
    }

    /** An uncaught exception anywhere is logged, and the kiosk goes back to the attract screen instead of dying. */
    public void guardAgainstCrashes() {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            LOG.log(System.Logger.Level.ERROR, "uncaught exception on " + thread.getName() + "; back to home", e);
            Platform.runLater(() -> {
                try {
                    shell.home();
                } catch (RuntimeException again) {
                    LOG.log(System.Logger.Level.ERROR, "could not return home", again);
                }
            });
        });
    }

    /**
     * Waits until no background work is left and the screen has taken in its results. Call it off the JavaFX
     * thread; it is for the tests, the screenshot tour and the benchmark.
     */
    public void settle() throws InterruptedException {
        for (int round = 0; round < 20; round++) {
            if (!background.awaitQuiet(java.time.Duration.ofSeconds(15))) {
                throw new IllegalStateException("background work did not finish");
            }
            CountDownLatch flushed = new CountDownLatch(1);
            Platform.runLater(flushed::countDown);
            if (!flushed.await(15, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the screen thread is stuck");
            }
            if (background.inFlight() == 0) {
                return;
            }
        }
    }

    public Scene scene() {
        return scene;
    }

    public ShellViewModel shell() {
        return shell;
    }

    public I18n i18n() {
        return i18n;
    }

    public CheckinViewModel checkin() {
        return checkin;
    }

    /** The privacy notice a new phone number is asked to agree to. */
    public org.linli.kiosk.session.ConsentPrompt consent() {
        return consent;
    }

    public QueueViewModel queue() {
        return queue;
    }

    public RoomsViewModel rooms() {
        return rooms;
    }

    public ActivitiesViewModel activities() {
        return activities;
    }

    public RatingViewModel rating() {
        return rating;
    }

    public CardViewModel card() {
        return card;
    }

    public MyBookingsViewModel myBookings() {
        return myBookings;
    }

    public HomeViewModel home() {
        return home;
    }

    /** Five quick taps on the logo and the staff PIN: the only way out. */
    public StaffExit staffExit() {
        return staffExit;
    }

    public OutboxSender outbox() {
        return sender;
    }

    public Connectivity connectivity() {
        return connectivity;
    }

    @Override
    public void close() {
        homeRefresh.stop();
        listRefresh.stop();
        events.close();
        speech.close();
        view.stop();
        if (scanLoop != null) {
            scanLoop.stop();
        }
        sender.close();
        background.close();
        outbox.close();
    }
}
