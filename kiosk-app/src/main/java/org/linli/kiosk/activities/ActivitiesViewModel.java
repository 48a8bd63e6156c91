package org.linli.kiosk.activities;

import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import org.linli.kiosk.central.CentralClient;
import org.linli.kiosk.central.CentralRefusedException;
import org.linli.kiosk.central.CentralUnavailableException;
import org.linli.kiosk.central.Model.Activity;
import org.linli.kiosk.central.Model.Signup;
import org.linli.kiosk.session.Async;
import org.linli.kiosk.session.PhoneEntry;
import org.linli.kiosk.session.ConsentPrompt;
import org.linli.kiosk.session.Problems;
import org.linli.kiosk.session.ResidentSession;
import org.linli.kiosk.session.Resettable;

/**
 * Activities today or this week; sign up with a phone number, or join the waitlist when full. An activity the hub
 * calls off stays in the list marked so, and cannot be chosen: the central service leaves it out of its list and
 * says so on the live stream ({@link #liveCalledOff}), or refuses a sign-up with {@code activity-cancelled}. The list
 * on screen is asked again every {@link #REFRESH_EVERY}, so its places left stay current.
 */
public final class ActivitiesViewModel implements Resettable {
    public enum Step { LIST, PHONE, WORKING, DONE, PROBLEM }

    /** How often the list on screen is asked again, by the kiosk's clock. */
    public static final java.time.Duration REFRESH_EVERY = java.time.Duration.ofSeconds(30);

    private final CentralClient central;
    private final Async async;
    private final InstantSource clock;
    private final ZoneId zone;
    private final ObservableList<Activity> activities = FXCollections.observableArrayList();
    // one read-only view, kept: a view made per call would be collected and drop its listeners
    private final ObservableList<Activity> activitiesReadOnly = FXCollections.unmodifiableObservableList(activities);
    private final ReadOnlyBooleanWrapper week = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.LIST);
    private final ReadOnlyObjectWrapper<Activity> chosen = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Signup> signup = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    // called off since the kiosk listed them, by id: kept while they have not ended, whoever is at the kiosk
    private final Map<String, Activity> calledOff = new java.util.LinkedHashMap<>();
    private final ObservableSet<String> calledOffIds = FXCollections.observableSet();
    private final ObservableSet<String> calledOffReadOnly = FXCollections.unmodifiableObservableSet(calledOffIds);
    // listed and over, by id: marked by the kiosk's clock, whether the list changes or not
    private final ObservableSet<String> endedIds = FXCollections.observableSet();
    private final ObservableSet<String> endedReadOnly = FXCollections.unmodifiableObservableSet(endedIds);
    private java.time.Instant lastAsked;
    // the last answer of the central service: what is shown offline
    private List<Activity> lastListed = List.of();
    // the days of the list on screen
    private LocalDate shownFrom;
    private LocalDate shownTo;
    private final PhoneEntry phone = new PhoneEntry();
    private final ResidentSession resident;
    // the Idempotency-Key of the sign-up being tried, and what it is for (the activity and who)
    private String signupKey;
    private String signupKeyFor;
    private int refreshes;

    /** @param resident who is signing up, when they said so earlier in the visit */
    public ActivitiesViewModel(CentralClient central, Async async, InstantSource clock, ZoneId zone,
            ResidentSession resident) {
        this.resident = resident;
        this.central = central;
        this.async = async;
        this.clock = clock;
        this.zone = zone;
    }

    public ObservableList<Activity> activities() {
        return activitiesReadOnly;
    }

    /** The ids of the listed activities the hub has called off: shown so, and not offered. */
    public ObservableSet<String> calledOff() {
        return calledOffReadOnly;
    }

    /**
     * The ids of the listed activities that are over: shown so, and not offered. The list asked again is the same
     * list once one ends, and rebuilds nothing on screen: an activity over since the list was drawn went on offering
     * "报名" (issue 17); {@link #tick} marks it as it ends.
     */
    public ObservableSet<String> ended() {
        return endedReadOnly;
    }

    public ReadOnlyBooleanProperty weekProperty() {
        return week.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Activity> chosenProperty() {
        return chosen.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Signup> signupProperty() {
        return signup.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public PhoneEntry phone() {
        return phone;
    }

    /** Known residents are not asked for their number again. */
    public ResidentSession resident() {
        return resident;
    }

    public void showWeek(boolean wholeWeek) {
        week.set(wholeWeek);
        refresh();
    }

    public void refresh() {
        refresh(false);
    }

    /** @param quiet a periodic refresh: a failure keeps the list on screen (the banner says the network is down) */
    private void refresh(boolean quiet) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        LocalDate to = week.get() ? today.plusDays(6) : today;
        lastAsked = clock.instant();
        // only the newest answer is shown: "today" asked on entering and "next 7 days" tapped at once came back in
        // either order, and the older one replaced the list the resident had asked for
        int asked = ++refreshes;
        async.run(() -> central.activities(today, to), listed -> {
            lastListed = listed;
            if (asked == refreshes) {
                show(listed, today, to);
            }
        }, failure -> {
            if (failure instanceof CentralUnavailableException) {
                // offline: the list it had stays (those of the days asked for), the offline notice says why nobody
                // can sign up now; a periodic ask changes nothing
                if (!quiet && asked == refreshes) {
                    show(lastListed.stream().filter(a -> within(a, today, to)).toList(), today, to);
                }
                return;
            }
            if (quiet) {
                return;
            }
            message.set(Problems.messageKey(failure, "activities.refused"));
            step.set(Step.PROBLEM);
        });
    }

    private boolean within(Activity a, LocalDate from, LocalDate to) {
        LocalDate day = a.start().atZoneSameInstant(zone).toLocalDate();
        return !day.isBefore(from) && !day.isAfter(to);
    }

    /**
     * The hub called this activity off (the live stream's {@code activity} event): it is marked so wherever it is
     * listed, from now on, and a resident typing their number for it is told.
     */
    public void liveCalledOff(Activity activity) {
        if (activity.id() == null || activity.end() == null || !activity.end().toInstant().isAfter(clock.instant())) {
            return;
        }
        calledOff(activity);
        if (shownFrom != null) {
            show(List.copyOf(activities), shownFrom, shownTo);
        }
        Activity choosing = chosen.get();
        if (step.get() == Step.PHONE && choosing != null && choosing.id().equals(activity.id())) {
            signupKey = null;
            message.set("activities.refused.cancelled");
            step.set(Step.PROBLEM);
        }
    }

    private static Set<String> ids(List<Activity> list) {
        return list.stream().map(Activity::id).collect(java.util.stream.Collectors.toSet());
    }

    private void calledOff(Activity activity) {
        calledOff.put(activity.id(), activity);
        calledOffIds.add(activity.id());
    }

    /** The answer, with the called-off activities of those days put back in their place ({@link #calledOff}). */
    private void show(List<Activity> listed, LocalDate from, LocalDate to) {
        shownFrom = from;
        shownTo = to;
        java.time.Instant now = clock.instant();
        calledOff.values().removeIf(a -> !a.end().toInstant().isAfter(now));
        calledOffIds.retainAll(calledOff.keySet());
        Set<String> ids = ids(listed);
        List<Activity> shown = new java.util.ArrayList<>(listed);
        calledOff.values().stream().filter(a -> !ids.contains(a.id())).filter(a -> within(a, from, to))
                .forEach(shown::add);
        shown.sort(java.util.Comparator.comparing((Activity a) -> a.start().toInstant()).thenComparing(Activity::id));
        markEnded(shown); // before the list changes, so that it is drawn with them
        org.linli.kiosk.session.Lists.replace(activities, shown);
    }

    private void markEnded(List<Activity> listed) {
        java.time.Instant now = clock.instant();
        Set<String> over = listed.stream().filter(a -> !a.end().toInstant().isAfter(now)).map(Activity::id)
                .collect(java.util.stream.Collectors.toSet());
        endedIds.retainAll(over);
        endedIds.addAll(over);
    }

    /**
     * Called every second or so while the activities are on screen: one that ends meanwhile is marked at once, and
     * the list shown is asked again every {@link #REFRESH_EVERY}, so that its places left stay current.
     */
    public void tick() {
        if (step.get() != Step.LIST) {
            return;
        }
        markEnded(activities);
        if (lastAsked != null && !clock.instant().isBefore(lastAsked.plus(REFRESH_EVERY))) {
            refresh(true);
        }
    }

    public void choose(Activity activity) {
        if (calledOff.containsKey(activity.id()) || !activity.end().toInstant().isAfter(clock.instant())) {
            return;
        }
        chosen.set(activity);
        phone.reset();
        step.set(Step.PHONE);
    }

    public void signUp() {
        signUp(null);
    }

    /** @param consentVersion the privacy notice a resident with a new number just agreed to, or null */
    private void signUp(String consentVersion) {
        Activity activity = chosen.get();
        // a number typed here is who signs up; otherwise whoever the resident said they were earlier in the visit
        boolean typed = phone.complete();
        if (activity == null || !typed && !resident.known()) {
            message.set("phone.invalid");
            return;
        }
        message.set("");
        step.set(Step.WORKING);
        String digits = phone.digits();
        Map<String, String> who = typed ? Map.of("phone", digits) : resident.identity("token");
        // one key for every try of this resident at this activity until the sign-up is shown: a try whose answer was
        // lost (the resident saw "try again") is answered with the sign-up it made
        String what = activity.id() + " " + who;
        if (signupKey == null || !what.equals(signupKeyFor)) {
            signupKey = java.util.UUID.randomUUID().toString();
            signupKeyFor = what;
        }
        String key = signupKey;
        Map<String, String> sent = new java.util.HashMap<>(who);
        if (consentVersion != null) {
            sent.put(ConsentPrompt.FIELD, consentVersion);
        }
        async.run(() -> central.signup(activity.id(), sent, key), result -> {
            signupKey = null;
            if (typed) {
                resident.phone(digits);
            }
            phone.reset();
            signup.set(result);
            step.set(Step.DONE);
            refresh();
        }, failure -> {
            if (ConsentPrompt.needed(failure)) {
                // a new number: the notice first; "back" returns to the keypad with the number cleared
                step.set(Step.PHONE);
                resident.consent().ask(failure, () -> signUp(ConsentPrompt.VERSION), phone::reset);
                return;
            }
            if (failure instanceof CentralRefusedException refused && refused.type().equals("activity-cancelled")) {
                // called off by the hub since the list was shown: say so, and take it off the list
                signupKey = null;
                calledOff(activity);
                message.set("activities.refused.cancelled");
                step.set(Step.PROBLEM);
                refresh();
                return;
            }
            message.set(Problems.messageKey(failure, "activities.refused"));
            step.set(Step.PROBLEM);
        });
    }

    public void back() {
        message.set("");
        step.set(Step.LIST);
    }

    @Override
    public void reset() {
        step.set(Step.LIST);
        signupKey = null;
        chosen.set(null);
        signup.set(null);
        message.set("");
        phone.reset();
        week.set(false);
    }
}
