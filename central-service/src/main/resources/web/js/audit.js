// The audit log: who changed what, when and from where, for the hubs this administrator manages.
(function () {
  "use strict";
  if (!Linli.requireSignIn()) return;
  Linli.wireHeader();
  const form = document.getElementById("filter");
  let hubs = [];

  /** In the zone of the hub the action or door belongs to (the log spans hubs), never the browser's. */
  function when(iso, hubId) {
    const hub = hubs.find(h => h.id === hubId) || hubs[0] || {};
    return new Date(iso).toLocaleString(Linli.lang === "zh" ? "zh-CN" : "en-GB", { year: "numeric", month: "2-digit",
      day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZone: hub.timezone });
  }

  async function load() {
    LinliForms.clear(form);
    const query = new URLSearchParams();
    for (const name of ["hub", "actor", "action", "from", "to"]) {
      const value = form.elements[name].value.trim();
      if (value) query.set(name, value);
    }
    try {
      const entries = await Linli.get("/api/v1/audit?" + query);
      document.getElementById("entries").replaceChildren(...entries.map(e => Linli.el("tr", { "data-entry": e.id },
        Linli.el("td", {}, when(e.at, e.hub)), Linli.el("td", {}, e.actor + " (" + Linli.t("role." + e.role) + ")"),
        Linli.el("td", {}, e.hub ? (Linli.name((hubs.find(h => h.id === e.hub) || {}).name) || e.hub) : Linli.t("staff.allHubs")),
        Linli.el("td", { class: "action" }, e.action, e.detail ? Linli.el("div", { class: "small" }, e.detail) : null),
        Linli.el("td", { class: "num" }, e.status < 400 ? Linli.t("audit.done") : Linli.t("audit.refused") + " " + e.status),
        Linli.el("td", {}, e.source || ""))));
      const query2 = new URLSearchParams();
      for (const name of ["hub", "from", "to"]) if (query.has(name)) query2.set(name, query.get(name));
      const doors = await Linli.get("/api/v1/audit/doors?" + query2);
      document.getElementById("doors").replaceChildren(...doors.map(d => Linli.el("tr", { "data-door": d.type },
        Linli.el("td", {}, when(d.at, d.hub)), Linli.el("td", {}, d.device), Linli.el("td", {}, d.room || ""),
        Linli.el("td", {}, Linli.t("door." + d.type) + (d.reason ? " (" + d.reason + ")" : "")),
        Linli.el("td", {}, d.booking || ""))));
    } catch (e) {
      LinliForms.show(form, e, "audit");
    }
  }

  form.addEventListener("submit", event => { event.preventDefault(); load(); });
  document.addEventListener("linli:language", () => load());
  (async () => {
    hubs = await Linli.get("/api/v1/hubs");
    form.elements.hub.replaceChildren(Linli.el("option", { value: "" }, Linli.t("audit.allMine")),
      ...hubs.map(h => Linli.el("option", { value: h.id }, Linli.name(h.name) || h.id)));
    await load();
  })().catch(console.error);
})();
