// The lobby screen, a TV in the hub's lobby read by elderly residents from a few metres: how busy the hub is, whether
// each room is free, the queues and their waits, and today's activities still to come. Nobody can press anything:
// like the board it shows the hub's language (Chinese, or ?lang=en) with the other one beneath, on the hub's clock
// from the server. It reads the hub again on the live events that change what it shows, and every minute.
(function () {
  "use strict";
  if (!Linli.requireSignIn()) return;
  const asked = new URLSearchParams(location.search).get("lang");
  Linli.lang = asked === "en" ? "en" : "zh";
  Linli.wireHeader();
  const el = Linli.el;
  const hub = decodeURIComponent(location.pathname.split("/").filter(Boolean)[1] || "");
  const base = "/api/v1/hubs/" + encodeURIComponent(hub);
  // events come in bursts (a counter's batch, the stream's first state of every room): one reading for each burst
  const COALESCE_MS = 1000;
  // the rows' type, full size first (4 % of the screen's height: readable from a few metres, as the board)
  const ROW_VH = [4, 3.6, 3.2, 2.8];
  const ROOM_STATUS = { free: "lobby.room.free", booked: "lobby.room.booked", occupied: "lobby.room.occupied",
    over_capacity: "lobby.room.full", maintenance: "lobby.room.maintenance" };
  let info = null;
  let live = null;
  let activities = [];

  const both = Linli.both;
  const named = Linli.named;

  /** The same on one line (a heading, a word beside the meter): a space between them for whoever reads it out. */
  function besides(key, params) {
    const [first, second] = both(key, params);
    return [first, " ", second];
  }

  function renderStatic() {
    document.getElementById("busy-title").replaceChildren(...both("lobby.busy"));
    document.getElementById("queues-head").replaceChildren(el("span", { class: "name" }, ...besides("lobby.queues")),
      el("span", { class: "waiting" }, ...both("waiting")), el("span", { class: "wait" }, ...both("wait")));
    document.getElementById("rooms-title").replaceChildren(...both("rooms"));
    document.getElementById("activities-title").replaceChildren(...both("board.activities"));
    document.getElementById("offline").replaceChildren(...both("offline.lobby"));
  }

  /**
   * How busy the hub is. Only rooms with a door counter count people (nothing counts the lobby), and a room in use
   * that no counter counts makes the figure a lower bound: then it says "at least", and without any counter that it
   * does not know. The meter and "quiet / busy" stand against the hub's capacity only for an exact figure: a meter
   * of a lower bound would look emptier than the hub is.
   */
  function renderBusy() {
    const rooms = live.rooms || [];
    const counted = rooms.some(r => r.count !== null && r.count !== undefined);
    const n = live.peopleInHub || 0;
    const uncounted = live.uncountedOccupiedRooms || 0;
    const capacity = counted && live.capacity ? live.capacity : null;
    const exact = counted && !uncounted;
    document.getElementById("busy-figure").replaceChildren(...both(!counted ? "lobby.people.unknown"
      : exact ? "lobby.people" : "lobby.people.atLeast", { n }));
    const share = capacity ? n / capacity : null;
    const level = share === null ? null : share > 1 ? "over" : !exact ? null
      : share >= 0.9 ? "crowded" : share >= 0.5 ? "busy" : "quiet";
    const box = document.getElementById("busy");
    box.dataset.counted = String(counted);
    box.dataset.exact = String(exact);
    box.dataset.level = level || "";
    document.getElementById("busy-level").hidden = !level;
    if (level) document.getElementById("busy-word").replaceChildren(...besides("lobby.level." + level));
    const meter = document.getElementById("busy-meter");
    meter.hidden = !(exact && capacity);
    meter.firstElementChild.style.width = Math.min(100, Math.round(100 * (share || 0))) + "%";
    const notes = !counted ? [uncounted ? ["lobby.inUse", { n: uncounted }] : ["lobby.seeRooms"]]
      : [capacity ? ["lobby.capacity", { capacity }] : null,
        uncounted ? ["lobby.uncounted", { n: uncounted }] : ["lobby.counted"]].filter(Boolean);
    const said = lang => notes.map(([key, params]) => Linli.tIn(lang, key, params)).join(lang === "zh" ? "；" : ". ");
    document.getElementById("busy-note").replaceChildren(said(Linli.lang), el("span", { class: "en" }, said(Linli.otherLang())));
  }

  function renderRooms() {
    const order = ((info && info.rooms) || []).map(r => r.id);
    const rooms = (live.rooms || []).slice().sort((a, b) => order.indexOf(a.room) - order.indexOf(b.room));
    document.getElementById("rooms").replaceChildren(...rooms.map(r =>
      el("li", { "data-room": r.room, "data-status": r.status },
        el("span", { class: "name" }, ...named(r.name)),
        ROOM_STATUS[r.status] ? el("span", { class: "state" }, ...both(ROOM_STATUS[r.status])) : null)));
  }

  /**
   * Per service: how many wait and about how long; "no wait" when nobody does; and when no counter serving it is open
   * (countersOpen 0: lunch, the day's end) no wait at all, since there is none to tell, but that no counter is open.
   */
  function renderQueues() {
    const services = new Map(((info && info.services) || []).map(s => [s.id, s]));
    document.getElementById("queues").replaceChildren(...(live.queues || []).map(q => {
      const service = services.get(q.service);
      const closed = q.countersOpen === 0;
      const status = q.waiting
        ? [el("span", { class: "waiting" }, ...both("lobby.waitingN", { n: q.waiting })),
          el("span", { class: "wait" },
            ...(closed ? both("lobby.noCounter") : both("lobby.minutes", { n: q.estimatedWaitMinutes })))]
        : [el("span", { class: "status" }, ...both(closed ? "lobby.noCounter" : "lobby.noWait"))];
      return el("li", { class: "queue-row", "data-service": q.service, "data-waiting": String(q.waiting),
        "data-closed": String(closed) },
        el("span", { class: "letter" }, q.letter || (service && service.letter) || ""),
        el("span", { class: "name" }, ...named(service ? service.name : q.service)),
        ...status);
    }));
  }

  function roomNames(id) {
    return Linli.roomNames(info, id);
  }

  /** Today's activities still to come (the one on now first), as the board lists them: when, what, where. */
  function renderActivities() {
    const now = Linli.now().getTime();
    const coming = activities.filter(a => Date.parse(a.end) > now).sort((a, b) => a.start.localeCompare(b.start));
    const list = document.getElementById("today");
    if (!coming.length) {
      list.replaceChildren(el("li", {}, el("span", { class: "none" },
        ...both(activities.length ? "lobby.activitiesOver" : "board.noActivities"))));
      return;
    }
    const other = Linli.otherLang();
    list.replaceChildren(...coming.map(a => {
      const on = Date.parse(a.start) <= now;
      const room = roomNames(a.room);
      // the times beneath each other and the room's names on one line: a narrower column than the board's
      return el("li", { "data-activity": a.id },
        el("span", { class: "at" }, Linli.time(a.start), el("span", { class: "until" }, "–" + Linli.time(a.end))),
        el("span", { class: "title" }, Linli.name(a.title), on ? el("span", { class: "on" }, Linli.t("board.on")) : null,
          Linli.name(a.title, other) ? el("span", { class: "en" }, Linli.name(a.title, other)) : null),
        el("span", { class: "where" }, Linli.name(room),
          Linli.name(room, other) !== Linli.name(room)
            ? [" ", el("span", { class: "en" }, Linli.name(room, other))] : null));
    }));
  }

  function overflows(list) {
    const section = list.parentElement;
    return section.scrollHeight > section.clientHeight + 1;
  }

  /**
   * Everything on the screen, never a scroll bar: a hub with many services or rooms (or English, whose words are
   * longer) gets smaller rows, step by step, and of the activities as many as fit, with how many more there are.
   */
  function fit() {
    const queues = document.getElementById("queues");
    const rooms = document.getElementById("rooms");
    const today = document.getElementById("today");
    let step = 0;
    const size = () => document.body.style.setProperty("--row", ROW_VH[step] + "vh");
    size();
    while ((overflows(queues) || overflows(rooms)) && step < ROW_VH.length - 1) {
      step++;
      size();
    }
    document.body.dataset.rows = String(step); // 0: full size
    let left = 0;
    while (overflows(today) && today.querySelectorAll("li[data-activity]").length > 1) {
      const shown = today.querySelectorAll("li[data-activity]");
      shown[shown.length - 1].remove();
      left++;
      const more = today.querySelector("li.more") || today.appendChild(el("li", { class: "more" }));
      more.replaceChildren(el("span", { class: "none" }, ...both("lobby.moreActivities", { n: left })));
    }
  }

  function renderAll() {
    if (!info) return;
    if (live) {
      renderBusy();
      renderRooms();
      renderQueues();
    }
    renderActivities();
    fit();
  }

  async function loadHub() {
    info = await Linli.get(base);
    Linli.useHub(info);
    document.getElementById("hub-name").textContent = Linli.name(info.name);
  }

  async function loadLive() {
    live = await Linli.get(base + "/live");
    Linli.syncClock(live.ts);
  }

  async function loadActivities() {
    const today = Linli.today();
    activities = await Linli.get(base + "/activities?from=" + today + "&to=" + Linli.nextDay(today));
  }

  const pending = new Set();
  let timer = 0;

  /** Reads a part again soon: once for a burst of events, and not later than a second after the first of them. */
  function soon(...parts) {
    parts.forEach(p => pending.add(p));
    if (!timer) timer = setTimeout(readPending, COALESCE_MS);
  }

  async function readPending() {
    timer = 0;
    const parts = new Set(pending);
    pending.clear();
    try {
      if (parts.has("hub")) await loadHub();
      if (parts.has("live")) await loadLive();
      if (parts.has("activities")) await loadActivities();
    } catch (e) {
      console.error(e); // offline: the banner says so, and the next event or minute tries again
    }
    renderAll();
  }

  async function load() {
    await loadHub();
    await loadLive();
    await loadActivities();
    renderAll();
    const ours = handler => event => { if (event.hub === hub) handler(); };
    Linli.live(hub, {
      room: ours(() => soon("live")),
      queue: ours(() => soon("live")),
      figures: ours(() => soon("live")),
      // the hub or one of its rooms was written: names, capacity
      hub: ours(() => soon("hub", "live", "activities")),
      // an activity called off leaves the list
      activity: ours(() => soon("activities"))
    });
    let minutes = 0;
    setInterval(() => {
      minutes++;
      if (minutes % 10 === 0) soon("hub", "live", "activities"); else soon("live", "activities");
    }, 60000);
  }

  /** A screen switched on before the server is up (a power cut) shows the offline banner and tries again. */
  function start() {
    load().catch(e => {
      console.error(e);
      document.body.classList.add("disconnected");
      setTimeout(start, 30000);
    });
  }

  // the offline banner takes room from the lists (and gives it back), as does a smaller window: they fit again
  new ResizeObserver(() => requestAnimationFrame(renderAll)).observe(document.getElementById("lobby-main"));
  // a language chosen on the page (tests check both): the other one goes beneath
  document.addEventListener("linli:language", () => {
    renderStatic();
    renderAll();
  });
  renderStatic();
  start();
})();
