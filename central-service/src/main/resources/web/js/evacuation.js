// Evacuation head count: who may still be inside, room by room, for the person with the list at the door.
// Rooms with people (or unknown) first, then rooms whose device went offline (their figure may be old); empty
// rooms fold into one line. It reloads every 10 s and says when it last did.
(function () {
  "use strict";
  if (!Linli.requireSignIn()) return;
  Linli.wireHeader();
  const el = Linli.el;
  const hub = decodeURIComponent(location.pathname.split("/").filter(Boolean)[1] || "");
  let data = null;
  document.getElementById("print").onclick = () => window.print();

  // someone may be inside if the counter says so or the room is in use: a counter at 0 in a room whose motion sensor
  // sees someone missed one coming in, and that room is no empty room
  function people(r) { return r.occupied || (r.count !== null && r.count !== undefined && r.count > 0); }

  function sourceName(source) {
    const text = Linli.t("source." + (source || "none"));
    return text.startsWith("source.") ? source : text;
  }

  function render() {
    if (!data) return;
    document.getElementById("hub-name").textContent = Linli.name(data.name) || data.hub;
    // rooms in use without a counter make the total a lower bound, as on the dashboard
    document.getElementById("total").textContent = Linli.t(data.uncountedOccupiedRooms ? "evac.atLeast" : "evac.people",
      { n: data.total });
    document.getElementById("updated").textContent = Linli.t("updated", { time: Linli.time(data.ts) });
    document.getElementById("uncounted").textContent = data.uncountedOccupiedRooms
      ? Linli.t("evac.uncounted", { n: data.uncountedOccupiedRooms }) : "";
    document.getElementById("stale").textContent = data.staleRooms ? Linli.t("evac.stale", { n: data.staleRooms }) : "";
    const rank = r => (people(r) ? 0 : r.stale ? 1 : !r.source ? 2 : 3);
    const listed = data.rooms.filter(r => rank(r) < 3).sort((a, b) => rank(a) - rank(b));
    const empty = data.rooms.filter(r => rank(r) === 3);
    document.getElementById("rooms").replaceChildren(...listed.map(r => el("tr",
      { "data-room": r.room, "data-stale": String(!!r.stale), "data-people": String(!!people(r)) },
      el("td", {}, Linli.name(r.name) || r.room),
      el("td", { class: "num" }, r.count === null || r.count === undefined
        ? Linli.t(r.occupied ? "occupied.yes" : r.source ? "occupied.no" : "evac.check")
        : r.count === 0 && r.occupied ? Linli.t("room.countMissed") : r.count),
      el("td", {}, sourceName(r.source)),
      el("td", {}, r.updated ? Linli.time(r.updated) : "–",
        r.stale ? el("div", { class: "warn-text" }, Linli.t("evac.stale.row")) : null))));
    document.getElementById("empty-rooms").textContent = empty.length
      ? Linli.t("evac.empty", { rooms: empty.map(r => Linli.name(r.name) || r.room).join("、") }) : "";
  }

  async function load() {
    try {
      if (!Linli.zone) Linli.useHub(await Linli.get("/api/v1/hubs/" + encodeURIComponent(hub)));
      data = await Linli.get("/api/v1/hubs/" + encodeURIComponent(hub) + "/evacuation");
      Linli.syncClock(data.ts);
      document.body.classList.remove("disconnected");
      render();
    } catch (e) {
      if (e.status === undefined) document.body.classList.add("disconnected");
      console.error(e);
    }
  }

  document.addEventListener("linli:language", render);
  load();
  setInterval(load, 10000);
})();
