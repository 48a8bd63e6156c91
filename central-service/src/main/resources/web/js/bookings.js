// The bookings desk: a hub's bookings by room for a day or a week, in the hub's zone; cancel with a reason; block a
// room for maintenance. The server's times carry the hub's offset, so their date and hour are read from the text.
(function () {
  "use strict";
  const el = Linli.el;
  const state = { hub: null, info: null, from: null, days: 1, data: null, cancelling: null };

  /** YYYY-MM-DD plus n days (calendar arithmetic, no zone involved). */
  function plusDays(day, n) {
    const d = new Date(day + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().substring(0, 10);
  }

  /** The Monday of the week of a date. */
  function monday(day) {
    const dow = new Date(day + "T00:00:00Z").getUTCDay();
    return plusDays(day, -((dow + 6) % 7));
  }

  /** A calendar date's label, e.g. "12月7日 星期一" or "Mon 7 Dec" (the date itself, in no zone). */
  function dayLabel(day) {
    const zh = Linli.lang === "zh";
    const parts = {};
    new Intl.DateTimeFormat(zh ? "zh-CN" : "en-GB", { month: zh ? "numeric" : "short", day: "numeric",
      weekday: zh ? "long" : "short", timeZone: "UTC" }).formatToParts(new Date(day + "T00:00:00Z"))
      .forEach(p => { parts[p.type] = p.value; });
    return zh ? parts.month + "月" + parts.day + "日 " + parts.weekday : parts.weekday + " " + parts.day + " " + parts.month;
  }

  const hhmm = iso => iso.substring(11, 16);
  const roomName = id => Linli.name(((state.data && state.data.rooms) || []).find(r => r.id === id)?.name) || id;

  function refusal(error) {
    const type = (error.type || "").split("/").pop();
    const key = "desk.refused." + (error.status === 403 ? "403" : type);
    const text = Linli.t(key);
    return text === key ? Linli.t("desk.refused", { why: error.message }) : text;
  }

  async function load() {
    document.getElementById("view-error").textContent = "";
    const path = "/api/v1/hubs/" + encodeURIComponent(state.hub) + "/bookings?days=" + state.days
      + (state.from ? "&from=" + state.from : "");
    try {
      state.data = await Linli.get(path);
    } catch (e) {
      document.getElementById("view-error").textContent = refusal(e);
      document.getElementById("grid").replaceChildren();
      return;
    }
    Linli.syncClock(state.data.now);
    state.from = state.data.from;
    document.getElementById("view-date").value = state.from;
    document.getElementById("view-day").setAttribute("aria-pressed", String(state.days === 1));
    document.getElementById("view-week").setAttribute("aria-pressed", String(state.days === 7));
    render();
  }

  function renderBooking(b) {
    const live = b.status === "active";
    const words = [el("span", { class: "when" }, hhmm(b.start) + "–" + hhmm(b.end)), " "];
    if (b.kind === "maintenance") {
      words.push(Linli.t("desk.kind.maintenance") + (b.purpose ? " · " + b.purpose : ""));
    } else {
      words.push(Linli.t("desk.status." + b.status));
      if (b.phoneLast4) words.push(" · " + Linli.t("desk.phone", { last4: b.phoneLast4 }));
      words.push(" · " + Linli.t("desk.people", { n: b.attendees }));
      if (b.purpose) words.push(" · " + b.purpose);
    }
    if (b.cancelReason) words.push(el("div", { class: "small" }, Linli.t("desk.reason.is", { reason: b.cancelReason })));
    return el("div", { class: "booking", "data-booking": String(b.id), "data-status": b.status, "data-kind": b.kind },
      ...words,
      live ? el("div", {}, el("button", { type: "button", class: "secondary", "data-cancel": String(b.id),
        onclick: () => startCancel(b) }, Linli.t(b.kind === "maintenance" ? "desk.unblock" : "desk.cancel")),
        // the booking's door QR, signed anew with the current key (a new one after a key rotation); not for
        // counters, who may not read a booking by its id (decision 0011)
        b.kind !== "maintenance" && state.data && state.data.qr ? el("button", { type: "button", class: "secondary",
          "data-qr": String(b.id), onclick: event => showQr(b, event.target.parentNode) }, Linli.t("desk.qr")) : null)
        : null);
  }

  /** The booking's QR as the service draws it, under the booking, to show or print for the resident. */
  async function showQr(b, holder) {
    const old = holder.querySelector("[data-qr-image], [data-qr-error]");
    if (old) old.remove();
    try {
      const response = await fetch("/api/v1/bookings/" + encodeURIComponent(b.id) + "/qr.png",
        { headers: { "Authorization": "Bearer " + Linli.token() } });
      if (!response.ok) throw new Error(String(response.status));
      const url = URL.createObjectURL(await response.blob());
      holder.append(el("div", { "data-qr-image": String(b.id) },
        el("img", { src: url, alt: Linli.t("desk.qr.alt"), class: "qr" }),
        el("div", { class: "small" }, Linli.t("desk.qr.note"))));
    } catch (e) {
      holder.append(el("div", { class: "field-error", "data-qr-error": String(b.id) }, Linli.t("desk.qr.failed")));
    }
  }

  function render() {
    const days = [];
    for (let i = 0; i < state.days; i++) days.push(plusDays(state.from, i));
    const today = state.data.today;
    document.getElementById("grid-head").replaceChildren(el("tr", {},
      el("th", { class: "room-col" }, Linli.t("desk.room")),
      ...days.map(d => el("th", { class: d === today ? "today" : null, "data-day": d }, dayLabel(d)))));
    document.getElementById("grid").replaceChildren(...state.data.rooms.map(room => el("tr", { "data-room": room.id },
      el("th", {}, Linli.name(room.name)),
      ...days.map(d => {
        const here = state.data.bookings.filter(b => b.room === room.id && b.start.substring(0, 10) === d);
        return el("td", { "data-day": d }, ...(here.length ? here.map(renderBooking)
          : [el("span", { class: "small" }, Linli.t("desk.none"))]));
      }))));
    const select = document.getElementById("block-room");
    const chosen = select.value;
    select.replaceChildren(...state.data.rooms.map(r => el("option", { value: r.id }, Linli.name(r.name))));
    if (chosen) select.value = chosen;
    const date = document.getElementById("block-date");
    if (!date.value) date.value = state.from;
  }

  /** The card's words for what is ended: a resident's booking, or a maintenance block ("解除", not "取消预约"). */
  function cancelWords(b) {
    const base = b.kind === "maintenance" ? "desk.unblock" : "desk.cancel";
    for (const [id, key] of [["cancel-title", ".title"], ["cancel-of", ".of"], ["cancel-submit", ".confirm"]]) {
      const node = document.getElementById(id);
      node.setAttribute("data-i18n", base + key);
      node.textContent = Linli.t(base + key);
    }
  }

  function startCancel(b) {
    state.cancelling = b;
    cancelWords(b);
    document.getElementById("view-done").hidden = true;
    const form = document.getElementById("cancel");
    LinliForms.clear(form);
    document.getElementById("cancel-error").textContent = "";
    document.getElementById("cancel-what").textContent = roomName(b.room) + " " + b.start.substring(0, 10) + " "
      + hhmm(b.start) + "–" + hhmm(b.end);
    document.getElementById("cancel-card").hidden = false;
    document.getElementById("cancel-reason").focus();
  }

  async function cancel(event) {
    event.preventDefault();
    const form = event.target;
    LinliForms.clear(form);
    document.getElementById("cancel-error").textContent = "";
    try {
      await Linli.post("/api/v1/bookings/" + state.cancelling.id + "/cancel",
        { reason: document.getElementById("cancel-reason").value });
      document.getElementById("cancel-card").hidden = true;
      document.getElementById("cancel-reason").value = "";
      const done = document.getElementById("view-done");
      done.textContent = Linli.t(state.cancelling.kind === "maintenance" ? "desk.unblock.done" : "desk.cancel.done");
      done.hidden = false;
      await load();
    } catch (e) {
      if (!LinliForms.show(form, e, "desk")) document.getElementById("cancel-error").textContent = refusal(e);
    }
  }

  async function block(event) {
    event.preventDefault();
    const form = event.target;
    LinliForms.clear(form);
    document.getElementById("block-error").textContent = "";
    document.getElementById("block-done").hidden = true;
    const value = id => document.getElementById(id).value;
    const body = { date: value("block-date") || null, from: value("block-from"), to: value("block-to"),
      reason: value("block-reason") };
    try {
      await Linli.post("/api/v1/rooms/" + encodeURIComponent(value("block-room")) + "/blocks", body);
      document.getElementById("block-done").hidden = false;
      document.getElementById("block-reason").value = "";
      await load();
    } catch (e) {
      if (!LinliForms.show(form, e, "desk")) document.getElementById("block-error").textContent = refusal(e);
    }
  }

  async function loadHubs() {
    const hubs = await Linli.get("/api/v1/hubs");
    const picker = document.getElementById("hub-picker");
    picker.replaceChildren(...hubs.map(h => el("option", { value: h.id }, Linli.name(h.name))));
    const wanted = new URLSearchParams(location.search).get("hub") || localStorage.getItem("linli.hub");
    const first = hubs.find(h => h.id === wanted) || hubs.find(h => h.level === "street") || hubs[0];
    if (first) picker.value = first.id;
    picker.onchange = () => show(picker.value);
  }

  async function show(hub) {
    state.hub = hub;
    state.info = await Linli.get("/api/v1/hubs/" + encodeURIComponent(hub));
    Linli.useHub(state.info);
    const day = new URLSearchParams(location.search).get("date");
    state.from = state.days === 7 ? monday(day || Linli.today()) : (day || null);
    await load();
  }

  function move(step) {
    state.from = plusDays(state.from, step * state.days);
    load();
  }

  if (!Linli.requireSignIn()) return;
  Linli.wireHeader();
  if (new URLSearchParams(location.search).get("view") === "week") state.days = 7;
  document.getElementById("view-prev").addEventListener("click", () => move(-1));
  document.getElementById("view-next").addEventListener("click", () => move(1));
  document.getElementById("view-today").addEventListener("click", () => {
    state.from = state.days === 7 ? monday(Linli.today()) : Linli.today();
    load();
  });
  document.getElementById("view-day").addEventListener("click", () => { state.days = 1; load(); });
  document.getElementById("view-week").addEventListener("click", () => {
    state.days = 7;
    state.from = monday(state.from || Linli.today());
    load();
  });
  document.getElementById("view-date").addEventListener("change", e => {
    if (!e.target.value) return;
    state.from = state.days === 7 ? monday(e.target.value) : e.target.value;
    load();
  });
  document.getElementById("cancel").addEventListener("submit", cancel);
  document.getElementById("cancel-close").addEventListener("click", () => {
    document.getElementById("cancel-card").hidden = true;
    state.cancelling = null;
  });
  document.getElementById("block").addEventListener("submit", block);
  document.addEventListener("linli:language", () => { if (state.data) render(); });
  loadHubs().then(() => show(document.getElementById("hub-picker").value)).catch(e => console.error(e));
})();
