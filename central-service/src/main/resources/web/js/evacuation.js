// The evacuation page (a file of its own: the Content-Security-Policy allows no inline script).
(function () {
  if (!Linli.requireSignIn()) return;
  Linli.wireHeader();
  const hub = decodeURIComponent(location.pathname.split("/").filter(Boolean)[1] || "");
  document.getElementById("print").onclick = () => window.print();
  async function load() {
    const data = await Linli.get("/api/v1/hubs/" + encodeURIComponent(hub) + "/evacuation");
    document.getElementById("hub-name").textContent = hub;
    document.getElementById("total").textContent = data.total;
    document.getElementById("rooms").replaceChildren(...data.rooms.map(r => Linli.el("tr", { "data-room": r.room },
      Linli.el("td", {}, Linli.name(r.name) || r.room),
      Linli.el("td", { class: "num" }, r.count === null || r.count === undefined ? (r.occupied ? Linli.t("occupied.yes") : Linli.t("occupied.no")) : r.count),
      Linli.el("td", {}, r.source || Linli.t("unknown")),
      Linli.el("td", {}, r.since ? Linli.time(r.since) : ""))));
  }
  document.addEventListener("linli:language", load);
  load().catch(console.error);
  setInterval(() => load().catch(console.error), 10000);
})();
