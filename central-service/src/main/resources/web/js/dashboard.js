// Operator dashboard: a snapshot of the hub, then live updates over the event stream.
(function () {
  "use strict";
  if (!Linli.requireSignIn()) return;
  Linli.wireHeader();
  const el = Linli.el;
  const state = { hub: null, rooms: new Map(), queues: new Map(), devices: new Map(), alerts: new Map(), figures: null,
    services: new Map() };
  let chart = null;
  let source = null;

  function renderRoom(room) {
    const capacity = room.capacity || 0;
    const count = room.count === null || room.count === undefined ? null : room.count;
    const share = capacity > 0 && count !== null ? Math.min(100, Math.round(100 * count / capacity)) : (room.occupied ? 100 : 0);
    const next = room.nextBooking ? Linli.t("next") + " " + Linli.time(room.nextBooking.start) + "–" + Linli.time(room.nextBooking.end) : "";
    return el("div", { class: "room", "data-room": room.room, "data-status": room.status },
      el("div", { class: "name" }, Linli.name(room.name) || room.room),
      el("div", { class: "status" }, Linli.t("status." + room.status)),
      el("div", { class: "count" }, (count === null ? (room.occupied ? Linli.t("occupied.yes") : Linli.t("occupied.no"))
        : count + " / " + capacity + " " + Linli.t("people"))),
      el("div", { class: "meter" }, el("span", { style: "width:" + share + "%" })),
      el("div", { class: "small" }, next));
  }

  // Live events only note what changed; one animation frame then redraws the changed rooms and device rows alone.
  // A district's devices send hundreds of events a second: redrawing every room and row per event kept the
  // browser's main thread busy for seconds.
  const roomNodes = new Map();
  const deviceNodes = new Map();
  const changedRooms = new Set();
  const changedDevices = new Set();
  const pending = new Set();
  let frame = 0;

  function later(part) {
    pending.add(part);
    if (!frame) frame = requestAnimationFrame(drawPending);
  }

  function drawPending() {
    frame = 0;
    const parts = new Set(pending);
    pending.clear();
    if (parts.has("rooms")) drawChangedRooms();
    if (parts.has("devices")) drawChangedDevices();
    if (parts.has("queues")) renderQueues();
    if (parts.has("alerts")) renderAlerts();
    if (parts.has("figures")) renderFigures();
  }

  function drawChangedRooms() {
    const ids = [...changedRooms];
    if (ids.some(id => !roomNodes.has(id))) { renderRooms(); return; }
    changedRooms.clear();
    for (const id of ids) {
      const node = renderRoom(state.rooms.get(id));
      roomNodes.get(id).replaceWith(node);
      roomNodes.set(id, node);
    }
    renderPeople();
  }

  function drawChangedDevices() {
    const ids = [...changedDevices];
    if (ids.some(id => !deviceNodes.has(id))) { renderDevices(); return; }
    changedDevices.clear();
    for (const id of ids) {
      const node = renderDevice(state.devices.get(id));
      deviceNodes.get(id).replaceWith(node);
      deviceNodes.set(id, node);
    }
  }

  function renderRooms() {
    changedRooms.clear();
    roomNodes.clear();
    const box = document.getElementById("rooms");
    box.replaceChildren(...[...state.rooms.values()].sort((a, b) => a.room.localeCompare(b.room)).map(room => {
      const node = renderRoom(room);
      roomNodes.set(room.room, node);
      return node;
    }));
    renderPeople();
  }

  function renderPeople() {
    const people = [...state.rooms.values()].reduce((sum, r) => sum + (r.count || 0), 0);
    document.getElementById("kpi-people").textContent = state.peopleInHub !== undefined ? Math.max(state.peopleInHub, people) : people;
  }

  function renderQueues() {
    document.getElementById("queues").replaceChildren(...[...state.queues.values()].map(q =>
      el("tr", { "data-service": q.service },
        el("td", {}, (q.letter || "") + " · " + (Linli.name(q.name) || Linli.name((state.services.get(q.service) || {}).name) || q.service)),
        el("td", { class: "num" }, q.waiting),
        el("td", { class: "num" }, q.estimatedWaitMinutes + " " + Linli.t("minutes")),
        el("td", {}, q.nowServing || "–"))));
  }

  function renderDevice(d) {
    return el("tr", { "data-device": d.id },
      el("td", {}, el("span", { class: "dot " + (d.online ? "on" : "off") }), d.id + " · " + Linli.t(d.online ? "online" : "offline.short")),
      el("td", {}, (d.rooms || []).join(", ")),
      el("td", {}, d.lastSeen ? Linli.time(d.lastSeen) : "–"),
      el("td", { class: "num" }, d.outboxDepth ?? "–"),
      el("td", { class: "num" }, d.malformed ?? 0));
  }

  function renderDevices() {
    changedDevices.clear();
    deviceNodes.clear();
    document.getElementById("devices").replaceChildren(...[...state.devices.values()].map(d => {
      const node = renderDevice(d);
      deviceNodes.set(d.id, node);
      return node;
    }));
  }

  function renderAlerts() {
    const open = [...state.alerts.values()].sort((a, b) => (b.ts || "").localeCompare(a.ts || ""));
    const box = document.getElementById("alerts");
    if (open.length === 0) { box.replaceChildren(el("p", { class: "small" }, Linli.t("no.alerts"))); return; }
    box.replaceChildren(...open.slice(0, 30).map(a =>
      el("div", { class: "alert" + (a.acknowledged ? " acknowledged" : ""), "data-alert": a.id, "data-kind": a.kind },
        el("div", { class: "what" }, el("strong", {}, Linli.t("alert." + a.kind)), " ", Linli.name(a.message),
          el("div", { class: "small" }, Linli.time(a.ts))),
        a.acknowledged ? el("span", { class: "small" }, Linli.t("acknowledged"))
          : el("button", { class: "secondary", onclick: () => acknowledge(a.id) }, Linli.t("ack")))));
  }

  function renderFigures() {
    const f = state.figures;
    if (!f) return;
    document.getElementById("kpi-visits").textContent = f.visitsTotal ?? 0;
    document.getElementById("kpi-tickets").textContent = f.tickets ?? 0;
    document.getElementById("kpi-bookings").textContent = f.bookings ?? 0;
    document.getElementById("kpi-wait").textContent = f.averageWaitMinutes === null || f.averageWaitMinutes === undefined ? "–" : Number(f.averageWaitMinutes).toFixed(1);
    document.getElementById("kpi-rating").textContent = f.averageRating === null || f.averageRating === undefined ? "–" : Number(f.averageRating).toFixed(1);
    const keys = Object.keys(f.visits || {}).filter(k => k !== "total");
    const labels = keys.map(k => Linli.name((state.services.get(k) || {}).name) || k);
    const values = keys.map(k => f.visits[k]);
    if (!window.Chart) return;
    if (!chart) {
      chart = new Chart(document.getElementById("visits-chart"), {
        type: "bar",
        data: { labels, datasets: [{ data: values, backgroundColor: "#F18700" }] },
        options: { animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
      });
    } else {
      chart.data.labels = labels;
      chart.data.datasets[0].data = values;
      chart.update();
    }
  }

  function renderAll() { renderRooms(); renderQueues(); renderDevices(); renderAlerts(); renderFigures(); }

  async function acknowledge(id) {
    const alert = await Linli.post("/api/v1/alerts/" + encodeURIComponent(id) + "/ack");
    state.alerts.set(alert.id, alert);
    renderAlerts();
  }

  async function loadHubs() {
    const hubs = await Linli.get("/api/v1/hubs");
    const picker = document.getElementById("hub-picker");
    const groups = { district: [], street: [], residential: [] };
    hubs.forEach(h => (groups[h.level] || groups.street).push(h));
    picker.replaceChildren(...Object.entries(groups).filter(([, list]) => list.length).map(([level, list]) =>
      el("optgroup", { label: Linli.t("level." + level) }, ...list.map(h => el("option", { value: h.id }, Linli.name(h.name))))));
    const wanted = new URLSearchParams(location.search).get("hub") || localStorage.getItem("linli.hub");
    const first = hubs.find(h => h.id === wanted) || groups.street[0] || hubs[0];
    if (first) picker.value = first.id;
    picker.onchange = () => show(picker.value);
    return hubs;
  }

  async function show(hub) {
    state.hub = hub;
    localStorage.setItem("linli.hub", hub);
    const picker = document.getElementById("hub-picker");
    document.getElementById("hub-name").textContent = picker.selectedOptions[0] ? picker.selectedOptions[0].textContent : hub;
    const info = await Linli.get("/api/v1/hubs/" + encodeURIComponent(hub));
    state.services = new Map((info.services || []).map(s => [s.id, s]));
    Linli.zone = info.timezone;
    const live = await Linli.get("/api/v1/hubs/" + encodeURIComponent(hub) + "/live");
    state.rooms = new Map((live.rooms || []).map(r => [r.room, r]));
    state.queues = new Map((live.queues || []).map(q => [q.service, q]));
    state.devices = new Map((live.devices || []).map(d => [d.id, d]));
    state.alerts = new Map((live.alerts || []).map(a => [a.id, a]));
    state.figures = live.figures || null;
    state.peopleInHub = live.peopleInHub;
    renderAll();
    if (source) source.close();
    source = Linli.live(hub, {
      room: r => { if (r.hub === state.hub) { state.rooms.set(r.room, r); changedRooms.add(r.room); later("rooms"); } },
      // a queue event says how many wait; the rest (letter, now serving) is kept from what we knew
      queue: q => { if (q.hub === state.hub) { state.queues.set(q.service, { ...state.queues.get(q.service), ...q }); later("queues"); } },
      call: c => {
        if (c.hub !== state.hub) return;
        const q = state.queues.get(c.service);
        if (q) { q.nowServing = c.number; later("queues"); }
      },
      device: d => { if (d.hub === state.hub) { state.devices.set(d.id, d); changedDevices.add(d.id); later("devices"); } },
      alert: a => { if (a.hub === state.hub) { state.alerts.set(a.id, a); later("alerts"); } },
      figures: f => { if (f.hub === state.hub) { state.figures = f; later("figures"); } }
    });
  }

  document.addEventListener("linli:language", () => { renderAll(); });
  loadHubs().then(() => show(document.getElementById("hub-picker").value)).catch(e => console.error(e));
})();
