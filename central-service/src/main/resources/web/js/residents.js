// The residents page: staff enter the phone a resident gives at the counter and see what Linli keeps about them;
// they download the resident's copy, lift a no-show block, or erase the resident after a confirmation. The phone
// travels in request bodies only, never in the address.
(function () {
  "use strict";
  const el = Linli.el;
  const state = { hub: null, phone: null, record: null };
  const $ = id => document.getElementById(id);
  // the server's times carry the hub's offset: their date and hour are read from the text
  const when = iso => iso ? iso.substring(0, 10) + " " + iso.substring(11, 16) : "";
  const base = () => "/api/v1/hubs/" + encodeURIComponent(state.hub) + "/residents/";

  function refusal(error) {
    const key = "res.refused." + (error.status === 403 ? "403" : (error.type || "").split("/").pop());
    const text = Linli.t(key);
    return text === key ? Linli.t("res.refused", { why: error.message }) : text;
  }

  function fact(label, ...value) {
    return [el("dt", {}, Linli.t(label)), el("dd", {}, ...value)];
  }

  // which privacy notice the resident agreed to, and when; the notice lines of before 2026-12, or none (a desk)
  function consent(c) {
    if (!c || !c.version) return Linli.t("res.consent.none");
    if (c.version.startsWith("before-")) return Linli.t("res.consent.before", { when: when(c.at) });
    return Linli.t("res.consent.given", { version: c.version, when: when(c.at) });
  }

  function render() {
    const r = state.record;
    $("unknown").hidden = !r || r.known;
    $("record").hidden = !r || !r.known;
    $("actions").hidden = !r || !r.known;
    if (!r || !r.known) return;
    $("record-title").textContent = Linli.t("res.of", { last4: r.phoneLast4 });
    const card = !r.card.issued ? Linli.t("res.card.none")
      : Linli.t(r.card.revoked ? "res.card.revoked" : "res.card.issued", { when: when(r.card.issued) });
    const counts = c => Linli.t("res.counts", c)
      + (c.upcomingElsewhere ? Linli.t("res.elsewhere", { n: c.upcomingElsewhere }) : "");
    const n = r.noShows;
    $("facts").replaceChildren(
      ...fact("res.firstSeen", when(r.firstSeen)), ...fact("res.lastSeen", when(r.lastSeen)),
      ...fact("res.keptUntil", when(r.keptUntil)), ...fact("res.consent", consent(r.consent)),
      ...fact("res.card", card),
      ...fact("res.bookings", counts(r.bookings)), ...fact("res.signups", counts(r.signups)),
      ...fact("res.checkins", Linli.t("res.times", { n: r.checkins })),
      ...fact("res.tickets", Linli.t("res.times", { n: r.tickets })),
      ...fact("res.ratings", Linli.t("res.times", { n: r.ratings.count })),
      ...fact("res.noShows", Linli.t("res.noShows.count", { n: n.recent, days: n.windowDays, max: n.max }),
        el("div", { id: "blocked", class: n.blocked ? "over" : null },
          n.blocked ? Linli.t("res.blocked", { until: when(n.blockedUntil) }) : Linli.t("res.notBlocked")),
        n.liftedAt ? el("div", { class: "small" }, Linli.t("res.lifted", { when: when(n.liftedAt) })) : null));
    const list = (items, line) => items.length ? items.map(line) : [el("li", { class: "small" }, Linli.t("res.none"))];
    $("bookings").replaceChildren(...list(r.bookings.upcomingList, b => el("li", { "data-booking": String(b.id) },
      when(b.start) + "–" + b.end.substring(11, 16) + " " + Linli.name(b.roomName) + " · "
      + Linli.t("res.status." + b.status))));
    $("signups").replaceChildren(...list(r.signups.upcomingList, s => el("li", { "data-signup": String(s.id) },
      when(s.start) + " " + Linli.name(s.title) + " · " + Linli.t("res.status." + s.status))));
    $("lift-state").textContent = n.blocked ? Linli.t("res.blocked", { until: when(n.blockedUntil) })
      : Linli.t("res.lift.nothing");
    $("lift-submit").disabled = !n.blocked;
  }

  async function find(event) {
    if (event) event.preventDefault();
    const form = $("find");
    LinliForms.clear(form);
    $("find-error").textContent = "";
    const phone = $("phone").value;
    try {
      state.record = await Linli.post(base() + "lookup", { phone });
      state.phone = phone;
    } catch (e) {
      state.record = null;
      if (!LinliForms.show(form, e, "res")) $("find-error").textContent = refusal(e);
    }
    render();
  }

  function done(text) {
    $("done").textContent = text;
    $("done").hidden = false;
  }

  async function download() {
    try {
      const copy = await Linli.post(base() + "export", { phone: state.phone });
      const link = el("a", { href: URL.createObjectURL(new Blob([JSON.stringify(copy, null, 2)],
        { type: "application/json" })), download: "linli-resident-data-" + Linli.today() + ".json" });
      document.body.append(link);
      link.click();
      link.remove();
      done(Linli.t("res.exported"));
    } catch (e) {
      $("find-error").textContent = refusal(e);
    }
  }

  async function act(event, what, after) {
    if (event) event.preventDefault();
    const form = $(what);
    LinliForms.clear(form);
    $(what + "-error").textContent = "";
    try {
      const answer = await Linli.post(base() + (what === "lift" ? "lift-block" : "erase"),
        { phone: state.phone, reason: $(what + "-reason").value });
      $(what + "-reason").value = "";
      done(after(answer));
      await find();
    } catch (e) {
      if (!LinliForms.show(form, e, "res")) $(what + "-error").textContent = refusal(e);
    }
  }

  function askToErase(event) {
    event.preventDefault();
    $("erase-question").textContent = Linli.t("res.erase.question", { last4: state.record.phoneLast4 });
    $("erase-confirm").hidden = false;
    $("erase-submit").hidden = true;
  }

  function closeConfirm() {
    $("erase-confirm").hidden = true;
    $("erase-submit").hidden = false;
  }

  async function loadHubs() {
    const hubs = await Linli.get("/api/v1/hubs");
    const picker = $("hub-picker");
    picker.replaceChildren(...hubs.map(h => el("option", { value: h.id }, Linli.name(h.name))));
    const wanted = new URLSearchParams(location.search).get("hub") || localStorage.getItem("linli.hub");
    const first = hubs.find(h => h.id === wanted) || hubs.find(h => h.level === "street") || hubs[0];
    if (first) picker.value = first.id;
    state.hub = picker.value;
    const hub = hubs.find(h => h.id === state.hub);
    if (hub) Linli.useHub(hub);
    picker.onchange = () => {
      state.hub = picker.value;
      state.record = null;
      render();
    };
  }

  if (!Linli.requireSignIn()) return;
  Linli.wireHeader();
  $("find").addEventListener("submit", find);
  $("export").addEventListener("click", download);
  $("lift").addEventListener("submit", e => act(e, "lift", () => Linli.t("res.lift.done")));
  $("erase").addEventListener("submit", askToErase);
  $("erase-no").addEventListener("click", closeConfirm);
  $("erase-yes").addEventListener("click", () => {
    closeConfirm();
    act(null, "erase", a => Linli.t("res.erase.done", { bookings: a.bookingsCancelled, signups: a.signupsCancelled }));
  });
  document.addEventListener("linli:language", render);
  loadHubs().catch(e => console.error(e));
})();
