// The bookings desk: a hub's bookings by room for a day or a week, in the hub's zone; cancel with a reason; block a
// room for maintenance; book for a resident at the desk, with staff's tick that the resident read and agreed to the
// privacy notice (sent as its version: central records it as given at a desk). The server's times carry the hub's
// offset, so their date and hour are read from the text.
(function () {
  "use strict";
  const el = Linli.el;
  const state = { hub: null, info: null, from: null, days: 1, data: null, cancelling: null };

  const plusDays = Linli.plusDays;
  const monday = Linli.monday;
  const dayLabel = day => Linli.dayLabel(day);

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
    const bookRoom = document.getElementById("book-room");
    const bookChosen = bookRoom.value;
    bookRoom.replaceChildren(...state.data.rooms.map(r => el("option", { value: r.id }, Linli.name(r.name))));
    if (bookChosen) bookRoom.value = bookChosen;
    const bookDate = document.getElementById("book-date");
    if (!bookDate.value) bookDate.value = state.from;
    noticeVersion();
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

  /** "+08:00": the offset of a zone at an instant (ms), read from how the browser shows that instant there. */
  function offsetAt(zone, ms) {
    const parts = {};
    new Intl.DateTimeFormat("en-GB", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit",
      day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(new Date(ms))
      .forEach(p => { parts[p.type] = p.value; });
    const local = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
    return Math.round((local - ms) / 60000);
  }

  /** A date and "HH:MM" in the hub's zone as ISO-8601 with the hub's offset then, or null when not a time. */
  function zoned(day, hhmmText) {
    if (!day || !/^\d{2}:\d{2}$/.test(hhmmText || "")) return null;
    const [h, m] = hhmmText.split(":").map(Number);
    if (h > 23 || m > 59) return null;
    const wall = Date.UTC(+day.substring(0, 4), +day.substring(5, 7) - 1, +day.substring(8, 10), h, m);
    let minutes = offsetAt(state.info.timezone, wall);
    minutes = offsetAt(state.info.timezone, wall - minutes * 60000);
    const sign = minutes < 0 ? "-" : "+";
    const abs = Math.abs(minutes);
    const pad = n => String(n).padStart(2, "0");
    return day + "T" + hhmmText + ":00" + sign + pad(Math.floor(abs / 60)) + ":" + pad(abs % 60);
  }

  function showNotice(open) {
    document.getElementById("book-notice").hidden = !open;
    const button = document.getElementById("book-notice-show");
    button.setAttribute("aria-expanded", String(open));
    button.setAttribute("data-i18n", open ? "desk.notice.hide" : "desk.notice.show");
    button.textContent = Linli.t(open ? "desk.notice.hide" : "desk.notice.show");
  }

  function noticeVersion() {
    document.getElementById("book-notice-version").textContent = Linli.t("desk.notice.version",
      { version: window.LINLI_PRIVACY_NOTICE.version });
  }

  async function book(event) {
    event.preventDefault();
    const form = event.target;
    LinliForms.clear(form);
    const error = document.getElementById("book-error");
    const done = document.getElementById("book-done");
    error.textContent = "";
    done.hidden = true;
    const value = id => document.getElementById(id).value;
    const day = value("book-date");
    const body = { room: value("book-room"), start: zoned(day, value("book-from")), end: zoned(day, value("book-to")),
      phone: value("book-phone"), attendees: Number(value("book-people")) || null };
    if (value("book-purpose").trim()) body.purpose = value("book-purpose").trim();
    // only the tick agrees: nothing is sent for the resident otherwise, and central says whether it was needed
    if (document.getElementById("book-consent").checked) body.consentVersion = window.LINLI_PRIVACY_NOTICE.version;
    try {
      const made = await Linli.post("/api/v1/bookings", body);
      done.textContent = Linli.t("desk.book.done", { room: roomName(made.room), when: made.start.substring(0, 10)
        + " " + hhmm(made.start) + "–" + hhmm(made.end) });
      done.hidden = false;
      for (const id of ["book-phone", "book-purpose"]) document.getElementById(id).value = "";
      document.getElementById("book-consent").checked = false;
      showNotice(false);
      await load();
    } catch (e) {
      const type = ((e.problem && e.problem.type) || e.type || "").split("/").pop();
      if (type === "consent-required") showNotice(true);
      if (LinliForms.show(form, e, "desk")) return;
      error.textContent = e.status === 409 ? Linli.t("desk.book.taken") : refusal(e);
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
  document.getElementById("book").addEventListener("submit", book);
  document.getElementById("book-notice-show").addEventListener("click",
    () => showNotice(document.getElementById("book-notice").hidden));
  document.getElementById("book-notice-print").addEventListener("click", () => {
    showNotice(true);
    document.body.classList.add("print-notice");
    window.print();
    document.body.classList.remove("print-notice");
  });
  document.addEventListener("linli:language", () => { if (state.data) render(); else noticeVersion(); });
  loadHubs().then(() => show(document.getElementById("hub-picker").value)).catch(e => console.error(e));
})();
