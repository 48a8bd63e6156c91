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

  // What an action did, in words ("修改功能室 studio"); the method and path stay below it, small, as the filter
  // matches them. An action of no known shape shows its path alone.
  const ACTIONS = [
    ["PUT", /^\/hubs\/([^/]+)$/, "hub"], ["PUT", /^\/rooms\/([^/]+)$/, "room"],
    ["PUT", /^\/services\/([^/]+)$/, "service"], ["PUT", /^\/counters\/([^/]+)$/, "counter"],
    ["PUT", /^\/activities\/([^/]+)$/, "activity"], ["POST", /^\/devices$/, "device"],
    ["DELETE", /^\/devices\/([^/]+)$/, "deviceGone"], ["POST", /^\/devices\/([^/]+)\/commands$/, "command"],
    ["POST", /^\/devices\/([^/]+)\/broker-credential$/, "credential"],
    ["POST", /^\/hubs\/[^/]+\/kiosk-keys$/, "kioskKey"], ["DELETE", /^\/hubs\/[^/]+\/kiosk-keys\/([^/]+)$/, "kioskKeyGone"],
    ["POST", /^\/hubs\/[^/]+\/display-keys$/, "displayKey"],
    ["DELETE", /^\/hubs\/[^/]+\/display-keys\/([^/]+)$/, "displayKeyGone"],
    ["POST", /^\/staff$/, "staff"], ["PUT", /^\/staff\/([^/]+)$/, "staffEdit"],
    ["POST", /^\/staff\/([^/]+)\/disable$/, "staffDisable"], ["POST", /^\/staff\/([^/]+)\/enable$/, "staffEnable"],
    ["POST", /^\/staff\/([^/]+)\/password-reset$/, "staffPassword"], ["POST", /^\/auth\/password$/, "ownPassword"],
    ["POST", /^\/bookings\/([^/]+)\/cancel$/, "cancel"], ["POST", /^\/rooms\/([^/]+)\/blocks$/, "block"],
    ["PUT", /^\/reports\/weights$/, "weights"], ["PUT", /^\/reports\/[^/]+\/targets\/([^/]+)$/, "target"],
    ["CLI", /^keys$/, "keysRotated"], ["POST", /^\/auth\/login$/, "signIn"], ["POST", /^\/auth\/logout$/, "signOut"]
  ];

  function actionWords(action) {
    const [method, path] = action.split(" ");
    const tail = (path || "").replace(/^\/api\/v1/, "");
    for (const [m, pattern, key] of ACTIONS) {
      const found = m === method && pattern.exec(tail);
      if (found) return Linli.t("audit.act." + key, { id: found[1] || "" }).trim();
    }
    return null;
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
        Linli.el("td", { class: "action" }, actionWords(e.action) || e.action,
          actionWords(e.action) ? Linli.el("div", { class: "small" }, e.action) : null,
          e.detail ? Linli.el("div", { class: "small" }, e.detail) : null),
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
