// Now-serving board for a waiting room's TV: nobody can press anything, so it shows the hub's language (Chinese,
// or ?lang=en) with the other one beneath, in type readable from 5 m: "number → counter" in two big columns, the
// calls before, and today's activities. Every call, and every call again, is spoken in Chinese.
(function () {
  "use strict";
  if (!Linli.requireSignIn()) return;
  const asked = new URLSearchParams(location.search).get("lang");
  Linli.lang = asked === "en" ? "en" : "zh";
  const other = Linli.otherLang();
  Linli.wireHeader();
  const el = Linli.el;
  const SERVING_ROWS = 3;
  const LAST_ROWS = 4;
  const hub = decodeURIComponent(location.pathname.split("/").filter(Boolean)[1] || "");
  const serving = new Map();
  // counters their clerk closed (lunch, the day's end): left out of "now serving" until they open again
  let closed = new Set();
  let calls = [];
  let info = null;
  let activities = [];
  let fresh = null;

  const both = Linli.both;
  const named = Linli.named;

  function counterNames(id) {
    const counter = ((info && info.counters) || []).find(c => c.id === id);
    return counter ? counter.name : id;
  }

  function roomNames(id) {
    return Linli.roomNames(info, id);
  }

  function renderStatic() {
    document.getElementById("serving-title").replaceChildren(...both("board.serving"));
    document.getElementById("serving-head").replaceChildren(el("span", {}, ...both("board.number")), el("span", {}, ...both("board.counter")));
    document.getElementById("last-title").replaceChildren(...both("board.last"));
    document.getElementById("activities-title").replaceChildren(...both("board.activities"));
    document.getElementById("offline").replaceChildren(...both("offline.board"));
    document.getElementById("sound-on").replaceChildren(...both("board.soundOff"));
  }

  // The browser would not speak: say so where staff see it, until someone taps the board once.
  const soundOn = document.getElementById("sound-on");
  window.LinliSpeech.onBlocked = () => { soundOn.hidden = false; };
  soundOn.addEventListener("click", () => {
    soundOn.hidden = true;
    window.LinliSpeech.unlock();
  });

  function renderServing() {
    const now = [...serving.values()].filter(c => !closed.has(c.counter)).sort((a, b) => b.at - a.at).slice(0, SERVING_ROWS);
    const box = document.getElementById("now-serving");
    if (!now.length) {
      box.replaceChildren(el("div", { class: "serving-row idle" }, el("div", { class: "ticket" }, ...both("board.noCalls"))));
    } else {
      box.replaceChildren(...now.map(call =>
        el("div", { class: "serving-row" + (fresh === call ? " fresh" : ""), "data-counter": call.counter },
          el("div", { class: "ticket" }, call.number),
          el("div", { class: "counter" }, ...named(counterNames(call.counter))))));
    }
    const shown = new Set(now);
    const before = calls.filter(c => !shown.has(c)).slice(0, LAST_ROWS);
    // no heading over nothing: "called before" appears with the first call that went off the big rows
    document.getElementById("last-title").hidden = !before.length;
    document.getElementById("last-calls").replaceChildren(...before.map(call =>
      el("li", { "data-ticket": call.number },
        el("span", { class: "number" }, call.number),
        el("span", { class: "counter" }, Linli.name(counterNames(call.counter))),
        el("span", { class: "at" }, Linli.time(new Date(call.at).toISOString())))));
  }

  function renderActivities() {
    const now = Linli.now().getTime();
    const coming = activities.filter(a => Date.parse(a.end) > now).sort((a, b) => a.start.localeCompare(b.start));
    const list = document.getElementById("today");
    if (!coming.length) {
      list.replaceChildren(el("li", {}, el("span", { class: "none" }, ...both("board.noActivities"))));
      return;
    }
    list.replaceChildren(...coming.slice(0, 6).map(a => {
      const on = Date.parse(a.start) <= now;
      return el("li", { "data-activity": a.id },
        el("span", { class: "at" }, Linli.time(a.start)),
        el("span", { class: "title" }, Linli.name(a.title), on ? el("span", { class: "on" }, Linli.t("board.on")) : null,
          Linli.name(a.title, other) ? el("span", { class: "en" }, Linli.name(a.title, other)) : null),
        el("span", { class: "where" }, Linli.time(a.start) + "–" + Linli.time(a.end) + " · "
          + Linli.name(roomNames(a.room)), Linli.name(roomNames(a.room), other) !== Linli.name(roomNames(a.room))
          ? el("span", { class: "en" }, Linli.name(roomNames(a.room), other)) : null));
    }));
  }

  function remember(call) {
    serving.set(call.counter, call);
    calls = [call, ...calls.filter(c => !(c.counter === call.counter && c.number === call.number))].slice(0, 20);
    return call;
  }

  function onCall(event) {
    if (event.hub !== hub) return;
    const call = remember({ counter: event.counter, number: event.number, recall: !!event.recall, at: Linli.now().getTime() });
    fresh = call;
    renderServing();
    // Spoken in Chinese, the number letter by letter, whatever the screen shows; a call again is said again.
    const counter = counterNames(event.counter);
    window.LinliSpeech.enqueue(Linli.tIn("zh", "please.go", { ticket: event.number.split("").join(" "),
      counter: Linli.name(counter, "zh") || event.counter }));
  }

  function useInfo(hubInfo) {
    info = hubInfo;
    closed = new Set((info.counters || []).filter(c => c.open === false).map(c => c.id));
    Linli.useHub(info);
    return info;
  }

  function onCounter(event) {
    if (event.hub !== hub) return;
    if (event.open) {
      closed.delete(event.counter);
    } else {
      closed.add(event.counter);
      serving.delete(event.counter); // reopened, it shows its next call, not the one before its break
    }
    renderServing();
  }

  /** Today's calls from before the board was opened (or restarted), oldest first so the newest ends on top. */
  async function loadCalls() {
    const earlier = await Linli.get("/api/v1/hubs/" + encodeURIComponent(hub) + "/calls").catch(() => []);
    earlier.slice().reverse().forEach(c => remember({ counter: c.counter, number: c.number, recall: false, at: Date.parse(c.called) }));
  }

  async function loadActivities() {
    const today = Linli.today();
    activities = await Linli.get("/api/v1/hubs/" + encodeURIComponent(hub) + "/activities?from=" + today
      + "&to=" + Linli.nextDay(today)).catch(() => activities);
    renderActivities();
  }

  async function load() {
    useInfo(await Linli.get("/api/v1/hubs/" + encodeURIComponent(hub)));
    document.getElementById("hub-name").textContent = Linli.name(info.name);
    renderStatic();
    await loadCalls();
    renderServing();
    await loadActivities();
    Linli.live(hub, { call: onCall, counter: onCounter });
    setInterval(renderActivities, 60000);
    setInterval(() => {
      Linli.get("/api/v1/hubs/" + encodeURIComponent(hub)).then(useInfo).then(loadActivities).catch(console.error);
    }, 10 * 60000);
  }

  renderStatic();
  renderServing();
  load().catch(console.error);
})();
