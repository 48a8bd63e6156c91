// The activities desk: a day or a week of the hub's activities; one chosen shows its roster (confirmed, then the
// waitlist in order, who checked in, phones as their last four digits), cancels a sign-up after a confirmation (the
// first on the waitlist moves up, and the page says who), and signs up a resident who comes to the counter or phones,
// with staff's tick that they read and agreed to the privacy notice (as the bookings desk does it). The server's times
// carry the hub's offset, so their date and hour are read from the text.
(function () {
  "use strict";
  const el = Linli.el;
  const $ = id => document.getElementById(id);
  // waited: the sign-ups of the chosen activity seen on its waitlist while it is shown; movedUp: those of them that
  // have a place since (both only grow, so a roster read on an event and one read after an action agree)
  const state = { hub: null, info: null, from: null, days: 1, list: [], chosen: null, roster: null, cancelling: null,
    key: null, source: null, waited: new Set(), movedUp: new Set(), reads: 0, shown: 0, listReads: 0 };

  const plusDays = Linli.plusDays;
  const monday = Linli.monday;
  const dayLabel = day => Linli.dayLabel(day);

  const hhmm = iso => iso.substring(11, 16);
  const span = a => dayLabel(a.start.substring(0, 10)) + " " + hhmm(a.start) + "–" + hhmm(a.end);
  const roomName = id => Linli.name(((state.info && state.info.rooms) || []).find(r => r.id === id)?.name) || id;
  const typeOf = error => ((error.problem && error.problem.type) || error.type || "").split("/").pop();

  function refusal(error) {
    const key = "act.refused." + (error.status === 403 ? "403" : typeOf(error));
    const text = Linli.t(key);
    return text === key ? Linli.t("act.refused", { why: error.message }) : text;
  }

  async function loadList() {
    $("view-error").textContent = "";
    if (!state.from) state.from = state.days === 7 ? monday(Linli.today()) : Linli.today();
    const path = "/api/v1/hubs/" + encodeURIComponent(state.hub) + "/activities?from=" + state.from
      + "&to=" + plusDays(state.from, state.days);
    const read = ++state.listReads;
    let list;
    try {
      list = await Linli.get(path);
    } catch (e) {
      $("view-error").textContent = refusal(e);
      list = [];
    }
    if (read !== state.listReads) return; // a later read (another day, a newer count) answers instead
    state.list = list;
    $("view-date").value = state.from;
    $("view-day").setAttribute("aria-pressed", String(state.days === 1));
    $("view-week").setAttribute("aria-pressed", String(state.days === 7));
    renderList();
  }

  function renderList() {
    const rows = state.list.map(a => el("tr", { "data-activity": a.id, class: a.id === state.chosen ? "chosen" : null },
      el("td", { class: "when" }, span(a)),
      el("td", {}, Linli.name(a.title)),
      el("td", {}, roomName(a.room)),
      el("td", { class: "num" }, a.signedUp + " / " + a.capacity),
      el("td", { class: "num" }, String(a.waitlisted)),
      el("td", {}, el("button", { type: "button", class: "secondary", "data-open": a.id, onclick: () => choose(a.id) },
        Linli.t("act.open")))));
    $("activities").replaceChildren(...(rows.length ? rows
      : [el("tr", {}, el("td", { colspan: 6, class: "empty" }, Linli.t("act.none")))]));
  }

  async function choose(id) {
    state.chosen = id;
    state.cancelling = null;
    state.roster = null;
    state.waited = new Set();
    state.movedUp = new Set();
    $("cancel-box").hidden = true;
    $("roster-done").hidden = true;
    $("signup-done").hidden = true;
    $("signup-error").textContent = "";
    LinliForms.clear($("signup"));
    renderList();
    await loadRoster();
    $("roster-card").hidden = false;
    $("signup-card").hidden = false;
  }

  /** Reads the chosen activity's roster again. */
  async function loadRoster() {
    if (!state.chosen) return;
    const id = state.chosen;
    // reads on events and after actions overlap: a later read is at least as new, an earlier one answering after it
    // is dropped
    const read = ++state.reads;
    let roster;
    try {
      roster = await Linli.get("/api/v1/activities/" + encodeURIComponent(id) + "/signups");
    } catch (e) {
      $("roster-error").textContent = refusal(e);
      return;
    }
    if (id !== state.chosen || read < state.shown) return; // another one chosen, or a newer read shown meanwhile
    state.shown = read;
    $("roster-error").textContent = "";
    state.roster = roster;
    for (const s of roster.signups) {
      if (s.status === "waitlisted") state.waited.add(s.id);
      else if (s.status === "confirmed" && state.waited.has(s.id)) state.movedUp.add(s.id);
    }
    renderRoster();
  }

  /** The resident as the last four digits of their phone; a resident erased at their request is nobody. */
  const who = s => s.phoneLast4 ? Linli.t("desk.phone", { last4: s.phoneLast4 }) : Linli.t("act.erased");

  function statusWords(s) {
    if (s.status === "waitlisted") return Linli.t("act.status.waitlisted", { n: s.position });
    return Linli.t("act.status." + s.status);
  }

  function renderRoster() {
    const r = state.roster;
    const a = r.activity;
    $("roster-title").textContent = Linli.name(a.title);
    $("roster-when").textContent = span(a);
    $("roster-room").textContent = Linli.name(a.roomName) || roomName(a.room);
    $("roster-cancelled").hidden = !a.cancelled;
    $("roster-counts").textContent = Linli.t("act.counts", { confirmed: r.confirmed, capacity: a.capacity,
      waitlisted: r.waitlisted, checkedIn: r.checkedIn });
    const moved = state.movedUp;
    let n = 0;
    const rows = r.signups.map(s => el("tr", { "data-signup": String(s.id), "data-status": s.status,
      class: moved.has(s.id) ? "moved-up" : null },
      el("td", { class: "num" }, s.status === "cancelled" ? "" : String(++n)),
      el("td", {}, who(s)),
      el("td", { class: "status" }, statusWords(s), moved.has(s.id) ? el("span", { class: "chip brand" },
        Linli.t("act.movedUp")) : null),
      el("td", { class: "checkin" }, s.status === "cancelled" ? "" : Linli.t(s.checkedIn ? "act.checkedIn" : "act.notYet")),
      el("td", {}, s.via ? Linli.t("act.via." + s.via) : "—"),
      el("td", { class: "small" }, s.created.substring(5, 10) + " " + hhmm(s.created)),
      el("td", {}, s.status === "cancelled" || a.cancelled ? null : el("button", { type: "button", class: "secondary",
        "data-cancel": String(s.id), onclick: () => startCancel(s) }, Linli.t("act.cancel")))));
    $("roster").replaceChildren(...(rows.length ? rows
      : [el("tr", {}, el("td", { colspan: 7, class: "empty" }, Linli.t("act.nobody")))]));
  }

  function startCancel(s) {
    state.cancelling = s;
    $("roster-done").hidden = true;
    $("cancel-what").textContent = who(s) + " · " + statusWords(s);
    $("cancel-box").hidden = false;
    $("cancel-submit").focus();
  }

  async function cancel() {
    const s = state.cancelling;
    if (!s) return;
    // who gets the place: the first on the waitlist, when a place is given up
    const next = s.status === "confirmed" ? state.roster.signups.find(w => w.status === "waitlisted") : null;
    $("roster-error").textContent = "";
    try {
      const path = "/api/v1/activities/" + encodeURIComponent(state.chosen) + "/signups/" + s.id;
      await Linli.api("DELETE", path);
    } catch (e) {
      $("roster-error").textContent = refusal(e);
      return;
    }
    $("cancel-box").hidden = true;
    state.cancelling = null;
    await loadRoster();
    const up = next && state.roster.signups.find(m => m.id === next.id && m.status === "confirmed");
    const done = $("roster-done");
    // Chinese sentences follow each other without a space
    done.textContent = Linli.t("act.cancel.done", { last4: s.phoneLast4 || "····" }) + (up
      ? (Linli.lang === "zh" ? "" : " ") + Linli.t("act.cancel.movedUp", { last4: up.phoneLast4 || "····" }) : "");
    done.hidden = false;
    loadList();
  }

  function showNotice(open) {
    $("signup-notice").hidden = !open;
    const button = $("signup-notice-show");
    button.setAttribute("aria-expanded", String(open));
    button.setAttribute("data-i18n", open ? "desk.notice.hide" : "desk.notice.show");
    button.textContent = Linli.t(open ? "desk.notice.hide" : "desk.notice.show");
  }

  function noticeVersion() {
    $("signup-notice-version").textContent = Linli.t("desk.notice.version",
      { version: window.LINLI_PRIVACY_NOTICE.version });
  }

  async function signUp(event) {
    event.preventDefault();
    const form = event.target;
    LinliForms.clear(form);
    $("signup-error").textContent = "";
    $("signup-done").hidden = true;
    const phone = $("signup-phone").value.trim();
    const body = { phone };
    // only the tick agrees: nothing is sent for the resident otherwise, and central says whether it was needed
    if ($("signup-consent").checked) body.consentVersion = window.LINLI_PRIVACY_NOTICE.version;
    // one key per submission, kept only when no answer came (the same sign-up tried again, never made twice)
    if (!state.key) state.key = Linli.newKey();
    try {
      const made = await Linli.post("/api/v1/activities/" + encodeURIComponent(state.chosen) + "/signups", body,
        { "Idempotency-Key": state.key });
      state.key = null;
      const last4 = phone.replace(/\D/g, "").slice(-4);
      $("signup-done").textContent = made.status === "waitlisted"
        ? Linli.t("act.signup.waitlisted", { last4, n: made.position })
        : Linli.t("act.signup.done", { last4 });
      $("signup-done").hidden = false;
      $("signup-phone").value = "";
      $("signup-consent").checked = false;
      showNotice(false);
      await loadRoster();
      loadList();
    } catch (e) {
      if (e.status) state.key = null;
      if (typeOf(e) === "consent-required") showNotice(true);
      if (LinliForms.show(form, e, "act")) return;
      $("signup-error").textContent = refusal(e);
    }
  }

  async function loadHubs() {
    const hubs = await Linli.get("/api/v1/hubs");
    const picker = $("hub-picker");
    picker.replaceChildren(...hubs.map(h => el("option", { value: h.id }, Linli.name(h.name))));
    const wanted = new URLSearchParams(location.search).get("hub") || localStorage.getItem("linli.hub");
    const first = hubs.find(h => h.id === wanted) || hubs.find(h => h.level === "street") || hubs[0];
    if (first) picker.value = first.id;
    picker.onchange = () => show(picker.value);
  }

  async function show(hub) {
    state.hub = hub;
    state.chosen = null;
    state.roster = null;
    $("roster-card").hidden = true;
    $("signup-card").hidden = true;
    state.info = await Linli.get("/api/v1/hubs/" + encodeURIComponent(hub));
    Linli.useHub(state.info);
    const day = new URLSearchParams(location.search).get("date");
    state.from = day ? (state.days === 7 ? monday(day) : day) : null;
    await loadList();
    // sign-ups made or cancelled anywhere (a kiosk, another desk) and check-ins for the activity shown change its
    // roster; an activity called off leaves the list
    if (state.source) state.source.close();
    state.source = Linli.live(hub, {
      signups: e => { loadList(); if (e.activity === state.chosen) loadRoster(); },
      checkin: e => { if (e.activity && e.activity === state.chosen) loadRoster(); },
      activity: e => { loadList(); if (e.id === state.chosen) loadRoster(); }
    });
    const wanted = new URLSearchParams(location.search).get("activity");
    if (wanted) await choose(wanted);
  }

  function move(step) {
    state.from = plusDays(state.from, step * state.days);
    loadList();
  }

  if (!Linli.requireSignIn()) return;
  Linli.wireHeader();
  if (new URLSearchParams(location.search).get("view") === "week") state.days = 7;
  $("view-prev").addEventListener("click", () => move(-1));
  $("view-next").addEventListener("click", () => move(1));
  $("view-today").addEventListener("click", () => {
    state.from = state.days === 7 ? monday(Linli.today()) : Linli.today();
    loadList();
  });
  $("view-day").addEventListener("click", () => { state.days = 1; loadList(); });
  $("view-week").addEventListener("click", () => {
    state.days = 7;
    state.from = monday(state.from || Linli.today());
    loadList();
  });
  $("view-date").addEventListener("change", e => {
    if (!e.target.value) return;
    state.from = state.days === 7 ? monday(e.target.value) : e.target.value;
    loadList();
  });
  $("cancel-submit").addEventListener("click", cancel);
  $("cancel-close").addEventListener("click", () => { $("cancel-box").hidden = true; state.cancelling = null; });
  $("signup").addEventListener("submit", signUp);
  $("signup-notice-show").addEventListener("click", () => showNotice($("signup-notice").hidden));
  $("signup-notice-print").addEventListener("click", () => {
    showNotice(true);
    document.body.classList.add("print-notice");
    window.print();
    document.body.classList.remove("print-notice");
  });
  document.addEventListener("linli:language", () => {
    renderList();
    if (state.roster) renderRoster();
    noticeVersion();
  });
  noticeVersion();
  loadHubs().then(() => show($("hub-picker").value)).catch(e => console.error(e));
})();
