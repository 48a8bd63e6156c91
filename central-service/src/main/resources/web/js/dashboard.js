// Operator dashboard: one screen, no scrolling. A snapshot of the hub, then live updates over the event stream.
// Only exceptions carry colour: a room in use or over capacity, a sensor whose device is offline, an alert.
(function () {
  "use strict";
  if (!Linli.requireSignIn()) return;
  Linli.wireHeader();
  const el = Linli.el;
  const LONG_WAIT_MINUTES = 30;
  // where a Raspberry Pi slows itself down (the central service's device_hot alert uses the same)
  const HOT_C = 80;
  const state = { hub: null, info: null, capacity: null, rooms: new Map(), queues: new Map(), devices: new Map(), alerts: new Map(),
    figures: null, day: null, services: new Map() };
  let chart = null;
  let source = null;

  // ------------------------------------------------------------------ rooms

  let byRoom = null;
  /** The devices that report on a room (an index rebuilt once after devices change, not per room per device). */
  function devicesOf(roomId) {
    if (!byRoom) {
      byRoom = new Map();
      for (const d of state.devices.values()) {
        for (const r of d.rooms || []) byRoom.set(r, [...(byRoom.get(r) || []), d]);
      }
    }
    return byRoom.get(roomId) || [];
  }

  /** A room's figures are stale when what the sensors last said came from devices that are all offline now. */
  function stale(room) {
    return !!room.source && !devicesOf(room.room).some(d => d.online);
  }

  function lastSeen(room) {
    const seen = devicesOf(room.room).map(d => d.lastSeen).filter(Boolean).sort();
    return seen.length ? Linli.time(seen[seen.length - 1]) : "–";
  }

  function countLine(room) {
    const capacity = room.capacity || 0;
    // in use by the motion sensor while the counter says 0: the counter missed someone, so no "0 people"
    if (room.occupied && room.count === 0) return Linli.t("room.countMissed");
    if (room.count !== null && room.count !== undefined) {
      return Linli.t("room.count", { count: room.count, capacity });
    }
    if (room.occupied) return Linli.t("room.someone");
    return Linli.t("room.capacity", { capacity });
  }

  function bookingLine(room) {
    const next = room.nextBooking;
    // a block is staff's, not a booking: said as maintenance whether or not someone is in (workers are expected)
    if (room.maintenance) return Linli.t("room.maintenance");
    if (next && next.kind === "maintenance") {
      return Linli.t("room.nextMaintenance", { from: Linli.time(next.start), to: Linli.time(next.end) });
    }
    if (room.occupied && room.bookingId) return Linli.t("room.booking");
    if (room.occupied && next && Date.parse(next.start) - Linli.now().getTime() <= 30 * 60000) {
      return Linli.t("room.early", { from: Linli.time(next.start) });
    }
    if (room.occupied) return Linli.t("room.noBooking");
    return next ? Linli.t("room.next", { from: Linli.time(next.start), to: Linli.time(next.end) }) : "";
  }

  /**
   * The room's day over the opening hours: when it was in use (filled), its bookings (framed; dashed for a no-show),
   * maintenance blocks (hatched: staff's, not a resident's booking), and now. Greys only: history is for reading, not an exception. No-shows (a frame with nothing in it), walk-ins (use
   * without a frame) and overruns show at a glance.
   */
  function dayBar(roomId) {
    const day = state.day;
    const mine = day && (day.rooms || []).find(r => r.room === roomId);
    if (!mine || !day.hours.length) return null;
    const from = Date.parse(day.hours[0].start);
    const to = Date.parse(day.hours[day.hours.length - 1].start) + 3600000;
    const at = t => Math.max(0, Math.min(100, 100 * (t - from) / (to - from)));
    const span = (cls, s, title) => {
      const left = at(Date.parse(s.from));
      return el("span", { class: cls, title, style: "left:" + left.toFixed(2) + "%;width:"
        + Math.max(0.8, at(Date.parse(s.to)) - left).toFixed(2) + "%" });
    };
    return el("div", { class: "daybar", "data-room": roomId },
      ...mine.used.map(u => span("used", u, Linli.time(u.from) + "–" + Linli.time(u.to))),
      ...mine.booked.map(b => b.kind === "maintenance"
        ? span("maintenance", b, Linli.time(b.from) + "–" + Linli.time(b.to) + " " + Linli.t("strip.maintenance"))
        : span("booked" + (b.status === "released" ? " released" : ""), b, Linli.time(b.from) + "–"
          + Linli.time(b.to) + (b.status === "released" ? " " + Linli.t("strip.released") : ""))),
      el("span", { class: "now", style: "left:" + at(Linli.now().getTime()).toFixed(2) + "%" }));
  }

  /**
   * Each room's strip, drawn once per day's figures (every minute, or a few seconds after a change) and moved into the
   * room's card when a room event redraws it: a busy room changes several times a second, its strip does not.
   */
  const dayBars = new Map();

  function dayBarOf(roomId) {
    if (!dayBars.has(roomId)) dayBars.set(roomId, dayBar(roomId));
    return dayBars.get(roomId);
  }

  /** A new day's figures redraw the bars alone: the room cards stay (they change with the room's own events). */
  function renderDayBars() {
    dayBars.clear();
    for (const [id, node] of roomNodes) {
      const old = node.querySelector(".daybar");
      const fresh = dayBarOf(id);
      if (old && fresh) old.replaceWith(fresh);
      else if (fresh) node.append(fresh);
      else if (old) old.remove();
    }
  }

  function renderRoom(room) {
    const old = stale(room);
    const counted = room.count !== null && room.count !== undefined && !(room.occupied && room.count === 0);
    const share = counted && room.capacity > 0 ? Math.min(100, Math.round(100 * room.count / room.capacity)) : 0;
    return el("div", { class: "room", "data-room": room.room, "data-status": room.status, "data-stale": String(old) },
      el("div", { class: "name" }, Linli.name(room.name) || room.room),
      el("div", { class: "status" }, Linli.t(old ? "status.stale" : "status." + room.status)),
      el("div", { class: "count" }, countLine(room)),
      // a bar only for a real count: an unknown count drawn full read as "packed"
      counted && !old ? el("div", { class: "meter", "aria-hidden": "true" }, el("span", { style: "width:" + share + "%" })) : null,
      old ? el("div", { class: "small warn-text" }, Linli.t("room.stale", { time: lastSeen(room) })) : null,
      el("div", { class: "small booking" }, bookingLine(room)),
      dayBarOf(room.room));
  }

  // Live events only note what changed; one animation frame then redraws the changed rooms and device rows alone.
  // A district's devices send hundreds of events a second: redrawing every room and row per event kept the
  // browser's main thread busy for seconds.
  const roomNodes = new Map();
  const changedRooms = new Set();
  const deviceNodes = new Map();
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
    if (parts.has("people")) renderPeople();
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

  function renderRooms() {
    changedRooms.clear();
    roomNodes.clear();
    document.getElementById("rooms").replaceChildren(...[...state.rooms.values()].map(room => {
      const node = renderRoom(room);
      roomNodes.set(room.room, node);
      return node;
    }));
    renderPeople();
  }

  /**
   * People in the rooms: only rooms with a door counter can say how many. A room in use with only a motion sensor
   * makes the figure "at least"; nothing pretends to count the lobby or the corridors. Against the hub's capacity (its
   * fire certificate's, when set): "N / capacity" and its share, grey below 90 %, in the warning colour from 90 % and
   * in the exception's red over it (the hub_over_capacity alert is open then). A lower bound over is over.
   */
  function renderPeople() {
    const rooms = [...state.rooms.values()];
    const counted = rooms.filter(r => r.count !== null && r.count !== undefined);
    const people = counted.reduce((sum, r) => sum + r.count, 0);
    const uncounted = rooms.filter(r => r.occupied && (r.count === null || r.count === undefined || r.count === 0))
      .length;
    const old = rooms.filter(stale).length;
    const capacity = state.capacity;
    const known = counted.length > 0;
    const value = document.getElementById("kpi-people");
    value.textContent = !known ? (uncounted ? Linli.t("kpi.people.unknown") : "–")
      : capacity ? Linli.t(uncounted ? "kpi.people.atLeastOf" : "kpi.people.of", { n: people, capacity })
        : uncounted ? Linli.t("kpi.people.atLeast", { n: people }) : String(people);
    value.dataset.people = String(people);
    value.dataset.uncounted = String(uncounted);
    const share = known && capacity ? Math.round(100 * people / capacity) : null;
    const over = share !== null && people > capacity;
    const level = share === null ? "none" : over ? "over" : share >= 90 ? "warn" : "ok";
    document.getElementById("kpi-people-tile").dataset.level = level;
    document.getElementById("kpi-people-share").textContent = share === null ? ""
      : Linli.t(uncounted ? "kpi.people.shareAtLeast" : "kpi.people.share", { p: share });
    const meter = document.getElementById("kpi-people-meter");
    meter.hidden = share === null;
    meter.firstElementChild.style.width = Math.min(100, share || 0) + "%";
    document.getElementById("kpi-people-note").textContent = known
      ? Linli.t("kpi.people.counted", { n: counted.length }) : Linli.t("kpi.people.none");
    document.getElementById("kpi-people-warn").textContent = [
      over ? Linli.t("kpi.people.over", { capacity }) : "",
      uncounted ? Linli.t("kpi.people.uncounted", { n: uncounted }) : "",
      old ? Linli.t("kpi.people.stale", { n: old }) : ""].filter(Boolean).join("；");
  }

  // ------------------------------------------------------------------ queues, devices, alerts

  function serviceName(id) {
    return Linli.name((state.services.get(id) || {}).name) || id;
  }

  function renderQueues() {
    document.getElementById("queues").replaceChildren(...[...state.queues.values()].map(q => {
      // people waiting and no counter open for them (countersOpen 0) is as urgent as a long wait
      const noCounter = q.waiting > 0 && q.countersOpen === 0;
      const long = noCounter || (q.waiting > 0 && q.estimatedWaitMinutes > LONG_WAIT_MINUTES);
      return el("tr", { "data-service": q.service },
        el("td", {}, (q.letter ? q.letter + " " : "") + serviceName(q.service)),
        el("td", { class: "num" + (q.waiting ? "" : " small") }, q.waiting),
        el("td", { class: "num" + (long ? " warn-text" : q.waiting ? "" : " small") },
          noCounter ? Linli.t("queue.noCounter") : q.waiting ? Linli.t("minutes.n", { n: q.estimatedWaitMinutes }) : "–"),
        el("td", { class: "num" }, q.nowServing || "–"));
    }));
  }

  function renderDevice(d) {
    return el("div", { class: "device", "data-device": d.id, "data-online": String(!!d.online) },
      el("span", { class: "dot " + (d.online ? "on" : "off"), "aria-hidden": "true" }),
      el("span", { class: "id" }, d.id),
      el("span", { class: "small" }, " " + (d.rooms || []).map(r => Linli.name((state.rooms.get(r) || {}).name) || r).join("、")),
      el("span", { class: "rest small" }, [
        d.online ? "" : Linli.t("device.offline") + " · " + Linli.t("last.seen", { time: d.lastSeen ? Linli.time(d.lastSeen) : "–" }),
        d.outboxDepth ? Linli.t("outbox", { n: d.outboxDepth }) : "",
        // a device's temperature only when it is one to look at: hot enough to slow a Pi down
        d.cpuTempC != null && d.cpuTempC >= HOT_C ? Linli.t("device.temp", { n: Math.round(d.cpuTempC) }) : "",
        d.malformed ? Linli.t("malformed", { n: d.malformed }) : ""].filter(Boolean).join(" · ")));
  }

  function renderDeviceChip() {
    let online = 0;
    for (const d of state.devices.values()) if (d.online) online++;
    const chip = document.getElementById("devices-chip");
    chip.textContent = Linli.t("devices.summary", { online, total: state.devices.size });
    chip.className = "chip" + (online < state.devices.size ? " bad" : "");
  }

  /** Offline devices first. A district's devices report all the time: only a change of online or offline reorders. */
  function renderDevices() {
    changedDevices.clear();
    deviceNodes.clear();
    renderDeviceChip();
    const all = [...state.devices.values()].sort((a, b) => (a.online === b.online ? a.id.localeCompare(b.id) : a.online ? 1 : -1));
    const box = document.getElementById("devices");
    if (!all.length) { box.replaceChildren(el("p", { class: "small" }, Linli.t("devices.none"))); return; }
    box.replaceChildren(...all.map(d => {
      const node = renderDevice(d);
      deviceNodes.set(d.id, node);
      return node;
    }));
  }

  function drawChangedDevices() {
    const ids = [...changedDevices];
    if (ids.some(id => !deviceNodes.has(id) || deviceNodes.get(id).dataset.online !== String(!!state.devices.get(id).online))) {
      renderDevices();
      return;
    }
    changedDevices.clear();
    for (const id of ids) {
      const node = renderDevice(state.devices.get(id));
      deviceNodes.get(id).replaceWith(node);
      deviceNodes.set(id, node);
    }
    renderDeviceChip();
  }

  /**
   * Today's alerts: the open ones first, in the exception's red with "acknowledge"; then those staff handled (who,
   * when) and those that ended by themselves (when), in grey, newest first. The same after a reload: the live
   * snapshot lists today's alerts, not only the open ones.
   */
  function renderAlerts() {
    const rank = a => (a.state === "open" ? 0 : 1);
    const shown = [...state.alerts.values()]
      .sort((a, b) => rank(a) - rank(b) || (b.ts || "").localeCompare(a.ts || "") || b.id - a.id);
    const box = document.getElementById("alerts");
    if (shown.length === 0) { box.replaceChildren(el("p", { class: "small" }, Linli.t("no.alerts"))); return; }
    box.replaceChildren(...shown.slice(0, 30).map(a =>
      el("div", { class: "alert " + a.state, "data-alert": a.id, "data-kind": a.kind, "data-state": a.state },
        el("div", { class: "what" }, el("span", { class: "kind" }, Linli.t("alert." + a.kind)), " ", Linli.name(a.message),
          el("div", { class: "small" }, Linli.time(a.ts))),
        a.state === "open"
          ? el("button", { class: "secondary", onclick: () => acknowledge(a.id) }, Linli.t("ack"))
          : el("span", { class: "small status" }, alertStatus(a)))));
  }

  /** "已解除（10:40）", "已处理（operator，10:31）", or both when staff had handled it before it ended. */
  function alertStatus(a) {
    const handled = a.acknowledged
      ? Linli.t("alert.state.acknowledged", { who: a.acknowledgedBy, time: Linli.time(a.acknowledgedAt) }) : "";
    if (!a.resolved) return handled;
    const resolved = Linli.t("alert.state.resolved", { time: Linli.time(a.resolvedAt) });
    return handled ? resolved + " · " + handled : resolved;
  }

  // ------------------------------------------------------------------ figures and the day so far

  function renderFigures() {
    const f = state.figures;
    if (f) {
      document.getElementById("kpi-visits").textContent = f.visitsTotal ?? 0;
      document.getElementById("kpi-tickets").textContent = f.tickets ?? 0;
      document.getElementById("kpi-bookings").textContent = f.bookings ?? 0;
      document.getElementById("kpi-wait").textContent = f.averageWaitMinutes === null || f.averageWaitMinutes === undefined
        ? "–" : String(Math.round(f.averageWaitMinutes));
    }
    // today's ratings face by face, 1 to 5: the 1s and 2s (red) are what an operator acts on. The average, the count
    // and the faces all come from the day's ratings, so that the card never says 5.0 beside "no ratings yet".
    const faces = (state.day && state.day.ratings) || [0, 0, 0, 0, 0];
    const most = Math.max(1, ...faces);
    const total = faces.reduce((a, b) => a + b, 0);
    const average = state.day ? (total ? faces.reduce((sum, n, i) => sum + n * (i + 1), 0) / total : null)
      : f && f.averageRating;
    document.getElementById("kpi-rating").textContent = average === null || average === undefined
      ? "–" : Number(average).toFixed(1);
    document.getElementById("kpi-faces").replaceChildren(...(total ? faces.map((n, i) =>
      el("span", { class: i < 2 ? "low" : "", style: "height:" + Math.round(100 * n / most) + "%", title: (i + 1) + ": " + n })) : []));
    document.getElementById("kpi-rating-note").textContent = total
      ? Linli.t("kpi.rating.count", { n: total }) : Linli.t("kpi.rating.none");
  }

  function renderDay() {
    const day = state.day;
    const box = document.getElementById("day-chart");
    if (!day || !window.echarts) return;
    if (!chart) {
      // SVG: crisp on any screen, and its words are text the page tests can measure
      chart = echarts.init(box, null, { renderer: "svg" });
      // the card's height changes with the window and with the rooms above it (their strips come with the day)
      new ResizeObserver(() => chart.resize()).observe(box);
    }
    const hours = day.hours.map(h => Linli.time(h.start));
    const axis = { color: "#55555b", fontSize: 13 };
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: getComputedStyle(document.body).fontFamily, color: "#1d1d1f" },
      grid: { left: 36, right: 36, top: 36, bottom: 24 },
      legend: { top: 0, left: 0, textStyle: { color: "#1d1d1f", fontSize: 13 }, itemWidth: 14, itemHeight: 10 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: hours, axisLabel: axis, axisLine: { lineStyle: { color: "#8d8d93" } } },
      yAxis: [
        { type: "value", minInterval: 1, axisLabel: axis, splitLine: { lineStyle: { color: "#e7e2db" } } },
        { type: "value", minInterval: 1, axisLabel: axis, splitLine: { show: false } }],
      series: [
        { name: Linli.t("day.visits"), type: "bar", data: day.hours.map(h => h.visits ?? "-"), itemStyle: { color: "#8d8d93" } },
        { name: Linli.t("day.tickets"), type: "bar", data: day.hours.map(h => h.tickets ?? "-"), itemStyle: { color: "#3f3f45" } },
        // the same weekday a week ago, dashed and grey: today's bars read against it
        { name: Linli.t("day.lastWeek"), type: "line", data: ((day.lastWeek && day.lastWeek.visits) || []),
          itemStyle: { color: "#55555b" }, lineStyle: { width: 2, type: "dashed", color: "#55555b" }, symbol: "none" },
        { name: Linli.t("day.people"), type: "line", yAxisIndex: 1, data: day.hours.map(h => h.peakPeople ?? "-"),
          itemStyle: { color: "#2B6CB0" }, lineStyle: { width: 3, color: "#2B6CB0" }, symbolSize: 6, connectNulls: false }]
    }, true);
  }

  let dayTimer = 0;
  let dayLoaded = 0;
  async function loadDay() {
    dayLoaded = Date.now();
    if (!state.hub) return;
    state.day = await Linli.get("/api/v1/hubs/" + encodeURIComponent(state.hub) + "/today");
    Linli.syncClock(state.day.ts);
    renderDay();
    renderDayBars();
    renderFigures();
  }

  /** A check-in, a ticket or a count changes the chart; a busy hour sends many, so at most one reload per 5 s. */
  function dayChanged() {
    if (dayTimer) return;
    dayTimer = setTimeout(() => { dayTimer = 0; loadDay().catch(console.error); },
      Math.max(0, 5000 - (Date.now() - dayLoaded)));
  }

  // the strips' words follow the language too
  function renderAll() { dayBars.clear(); renderRooms(); renderQueues(); renderDevices(); renderAlerts(); renderFigures(); renderDay(); }

  async function acknowledge(id) {
    const alert = await Linli.post("/api/v1/alerts/" + encodeURIComponent(id) + "/ack");
    state.alerts.set(alert.id, alert);
    renderAlerts();
  }

  // ------------------------------------------------------------------ the hub

  async function loadHubs() {
    const hubs = await Linli.get("/api/v1/hubs");
    const picker = document.getElementById("hub-picker");
    const groups = { district: [], street: [], residential: [] };
    hubs.forEach(h => (groups[h.level] || groups.street).push(h));
    picker.replaceChildren(...Object.entries(groups).filter(([, list]) => list.length).map(([level, list]) =>
      el("optgroup", { label: Linli.t("level." + level) }, ...list.map(h => el("option", { value: h.id }, Linli.name(h.name))))));
    // a single hub's operator has nothing to pick: the title names the hub
    picker.hidden = groups.street.length + groups.residential.length < 2;
    const wanted = new URLSearchParams(location.search).get("hub") || localStorage.getItem("linli.hub");
    const first = hubs.find(h => h.id === wanted) || groups.street[0] || hubs[0];
    if (first) picker.value = first.id;
    picker.onchange = () => show(picker.value);
    return hubs;
  }

  function renderTitle() {
    const picker = document.getElementById("hub-picker");
    document.getElementById("hub-title").textContent = picker.hidden && state.info ? " · " + Linli.name(state.info.name) : "";
  }

  async function show(hub) {
    state.hub = hub;
    localStorage.setItem("linli.hub", hub);
    state.info = await Linli.get("/api/v1/hubs/" + encodeURIComponent(hub));
    document.dispatchEvent(new CustomEvent("linli:hub", { detail: state.info }));
    Linli.useHub(state.info);
    state.services = new Map((state.info.services || []).map(s => [s.id, s]));
    renderTitle();
    const live = await Linli.get("/api/v1/hubs/" + encodeURIComponent(hub) + "/live");
    Linli.syncClock(live.ts);
    // the catalogue's order (as the hub lists its rooms), not alphabetical ids
    const order = (state.info.rooms || []).map(r => r.id);
    state.rooms = new Map((live.rooms || []).sort((a, b) => order.indexOf(a.room) - order.indexOf(b.room)).map(r => [r.room, r]));
    state.queues = new Map((live.queues || []).map(q => [q.service, q]));
    state.devices = new Map((live.devices || []).map(d => [d.id, d]));
    byRoom = null;
    state.alerts = new Map((live.alerts || []).map(a => [a.id, a]));
    state.figures = live.figures || null;
    state.capacity = live.capacity || null;
    renderAll();
    loadDay().catch(console.error);
    if (source) source.close();
    source = Linli.live(hub, {
      room: r => { if (r.hub === state.hub) { state.rooms.set(r.room, r); changedRooms.add(r.room); later("rooms"); dayChanged(); } },
      // a queue event says how many wait; the rest (letter, now serving) is kept from what we knew
      queue: q => { if (q.hub === state.hub) { state.queues.set(q.service, { ...state.queues.get(q.service), ...q }); later("queues"); dayChanged(); } },
      call: c => {
        if (c.hub !== state.hub) return;
        const q = state.queues.get(c.service);
        if (q) { q.nowServing = c.number; later("queues"); }
      },
      device: d => {
        if (d.hub !== state.hub) return;
        const before = state.devices.get(d.id);
        state.devices.set(d.id, d);
        byRoom = null;
        changedDevices.add(d.id);
        later("devices");
        // a device going off or on line changes whether its rooms' figures can be trusted
        if (!before || before.online !== d.online) {
          (d.rooms || []).forEach(r => { if (state.rooms.has(r)) changedRooms.add(r); });
          later("rooms");
        }
      },
      alert: a => { if (a.hub === state.hub) { state.alerts.set(a.id, a); later("alerts"); } },
      // the hub written on the catalogue page: its capacity (or name) changed without a reload here
      hub: h => {
        if (h.hub !== state.hub) return;
        state.capacity = h.capacity || null;
        if (state.info) { state.info.name = h.name; renderTitle(); }
        later("people");
      },
      figures: f => { if (f.hub === state.hub) { state.figures = f; later("figures"); dayChanged(); } },
      checkin: () => dayChanged(),
      // ratings are few: the rating card follows each one at once
      feedback: () => loadDay().catch(console.error)
    });
  }

  document.addEventListener("linli:language", () => { renderTitle(); renderAll(); });
  setInterval(() => { loadDay().catch(console.error); }, 60000);
  loadHubs().then(() => show(document.getElementById("hub-picker").value)).catch(e => console.error(e));
})();
