// Now-serving board: big numbers, the last calls, spoken calls in Chinese, today's activities, how busy rooms are.
(function () {
  "use strict";
  if (!Linli.requireSignIn()) return;
  Linli.wireHeader();
  const el = Linli.el;
  const hub = decodeURIComponent(location.pathname.split("/").filter(Boolean)[1] || "");
  const serving = new Map();
  const calls = [];
  const rooms = new Map();
  const counterNames = new Map();
  let activities = [];

  function counterLabel(call) { return Linli.name(counterNames.get(call.counter)) || call.counter; }

  function renderServing(fresh) {
    document.getElementById("now-serving").replaceChildren(...[...serving.values()].map(call =>
      el("div", { class: "serving" + (fresh === call.counter ? " fresh" : ""), "data-counter": call.counter },
        el("div", { class: "ticket" }, call.ticket), el("div", { class: "counter" }, counterLabel(call)))));
    document.getElementById("last-calls").replaceChildren(...calls.slice(0, 8).map(call =>
      el("li", { "data-ticket": call.ticket }, call.ticket + " → " + counterLabel(call) + "  " + Linli.time(call.ts))));
  }

  function renderToday() {
    document.getElementById("today").replaceChildren(...activities.map(a =>
      el("li", {}, Linli.time(a.start) + "  " + Linli.name(a.title))));
    document.getElementById("busy").replaceChildren(...[...rooms.values()].flatMap(r => {
      const share = r.capacity > 0 && r.count !== null && r.count !== undefined ? Math.min(100, Math.round(100 * r.count / r.capacity)) : (r.occupied ? 100 : 0);
      return [el("div", {}, Linli.name(r.name) || r.room), el("div", { class: "meter" }, el("span", { style: "width:" + share + "%" }))];
    }));
  }

  function onCall(event) {
    if (event.hub !== hub) return;
    // the event carries the ticket's number (A023) and its id; the board shows the number
    const call = { ...event, ticket: event.number || event.ticket, ts: event.ts || new Date().toISOString() };
    serving.set(call.counter, call);
    calls.unshift(call);
    renderServing(call.counter);
    // Always spoken in Chinese, number and counter, whatever language the screen shows.
    const names = counterNames.get(call.counter);
    const spoken = window.LINLI_MESSAGES.zh["please.go"].replace("{ticket}", call.ticket.split("").join(" "))
      .replace("{counter}", names && names.zh ? names.zh : call.counter);
    window.LinliSpeech.enqueue(spoken);
  }

  async function load() {
    const info = await Linli.get("/api/v1/hubs/" + encodeURIComponent(hub));
    document.getElementById("hub-name").textContent = Linli.name(info.name);
    (info.counters || []).forEach(c => counterNames.set(c.id, c.name));
    Linli.zone = info.timezone;
    const today = new Date().toISOString().substring(0, 10);
    activities = await Linli.get("/api/v1/hubs/" + encodeURIComponent(hub) + "/activities?from=" + today + "&to=" + today).catch(() => []);
    const live = await Linli.get("/api/v1/hubs/" + encodeURIComponent(hub) + "/live").catch(() => ({ rooms: [] }));
    (live.rooms || []).forEach(r => rooms.set(r.room, r));
    renderToday();
    renderServing();
    Linli.live(hub, {
      call: onCall,
      room: r => { if (r.hub === hub) { rooms.set(r.room, r); renderToday(); } }
    });
  }

  document.addEventListener("linli:language", () => { renderServing(); renderToday(); });
  load().catch(console.error);
})();
