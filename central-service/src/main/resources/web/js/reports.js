// Report page: a hub, a street or the district over a period, with exports, wait targets, filed monthly reports and
// calendar feeds.
(function () {
  "use strict";
  if (!Linli.requireSignIn()) return;
  Linli.wireHeader();
  const el = Linli.el;
  const View = window.LinliReportView;
  const $ = id => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const state = { hubs: [], hub: null, report: null };

  function query() {
    const q = new URLSearchParams();
    const period = $("period").value;
    if (period === "custom") { q.set("from", $("from").value); q.set("to", $("to").value); }
    else q.set("period", period);
    q.set("rollup", $("rollup").checked ? "true" : "false");
    q.set("lang", Linli.lang);
    return q;
  }

  /** A refused report in the page's language: a wrong date range is said plainly, and its fields marked. */
  function refusal(e) {
    const fields = ((e.problem && e.problem.errors) || []).map(f => f.field);
    if (fields.some(f => f === "from" || f === "to" || f === "period")) {
      for (const id of ["from", "to"]) if ($("period").value === "custom") $(id).setAttribute("aria-invalid", "true");
      return Linli.t("err.range");
    }
    return e.status === 403 ? Linli.t("err.forbidden") : e.message;
  }

  function remember() {
    const q = query();
    q.delete("lang");
    q.set("hub", state.hub.id);
    history.replaceState(null, "", "/reports?" + q.toString());
  }

  /** Shows the chosen period's report; {@code keepTargets} when the wait targets were just saved on the page. */
  async function load(keepTargets) {
    $("error").textContent = "";
    document.querySelectorAll(".custom").forEach(n => { n.hidden = $("period").value !== "custom"; });
    const hub = state.hub;
    $("hub-name").textContent = Linli.name(hub.name);
    Linli.zone = hub.zone;
    remember();
    const q = query();
    let report;
    for (const id of ["from", "to"]) $(id).removeAttribute("aria-invalid");
    try {
      report = await Linli.get("/api/v1/reports/" + encodeURIComponent(hub.id) + "?" + q);
    } catch (e) {
      // no figures of the period before left on the page under the new choice, as if they were its own
      for (const id of ["period-text", "asof"]) $(id).textContent = "";
      for (const id of ["kpis-box", "charts-1", "charts-2", "tables"]) $(id).replaceChildren();
      $("error").textContent = refusal(e);
      return;
    }
    state.report = report;
    render(report, q);
    loadMonthly();
    loadCalendars();
    if (keepTargets !== true) window.LinliReportTargets.show($("targets"), hub.id, () => load(true));
  }

  function render(report, q) {
    const p = report.period;
    $("period-text").textContent = p.from + " – " + p.to + " (" + Linli.t("previous.period") + " " + report.previous.from
      + " – " + report.previous.to + ")";
    $("asof").textContent = report.computedAt ? "· " + Linli.t("as.of") + " " + new Date(report.computedAt).toLocaleString(
      Linli.lang === "zh" ? "zh-CN" : "en-GB", { timeZone: Linli.zone }) : "";
    $("kpis-box").replaceChildren(View.kpis(report));
    $("charts-1").replaceChildren(View.chartCard("chart-daily", Linli.t("chart.daily")),
      View.chartCard("chart-heat", Linli.t("chart.heat"), 300));
    $("charts-2").replaceChildren(View.chartCard("chart-services", Linli.t("chart.services")),
      View.chartCard("chart-rooms", Linli.t("chart.rooms")),
      View.chartCard("chart-satisfaction", Linli.t("chart.satisfaction"), 220));
    View.drawCharts(report);
    const base = "/api/v1/reports/" + encodeURIComponent(state.hub.id);
    const order = ["summary", "services", "rooms", "activities", "satisfaction", "daily"];
    $("tables").replaceChildren(...order.map(id => {
      const csv = new URLSearchParams(q);
      csv.set("table", id);
      return View.table(report.tables[id], base + "/export.csv?" + csv);
    }));
    $("xlsx").href = base + "/export.xlsx?" + q;
    const month = (p.from.substring(0, 7));
    $("print").href = "/reports/print?hub=" + encodeURIComponent(state.hub.id) + "&month=" + month
      + "&rollup=" + $("rollup").checked;
  }

  async function loadMonthly() {
    const box = $("monthly");
    try {
      const filed = await Linli.get("/api/v1/reports/" + encodeURIComponent(state.hub.id) + "/monthly");
      box.replaceChildren(filed.length === 0 ? el("p", { class: "small" }, Linli.t("monthly.none"))
        : el("ul", { class: "filed" }, filed.map(f => el("li", { "data-month": f.month }, f.month + " ",
          el("a", { href: "/reports/print?hub=" + encodeURIComponent(state.hub.id) + "&month=" + f.month + "&filed=1" }, Linli.t("open")),
          " · ", el("a", { href: "/api/v1/reports/" + encodeURIComponent(state.hub.id) + "/monthly/" + f.month + "." + Linli.lang + ".xlsx" },
            Linli.t("export.xlsx"))))));
    } catch (e) {
      box.replaceChildren(el("p", { class: "error" }, refusal(e)));
    }
  }

  async function loadCalendars() {
    const hubId = state.hub.id;
    let feeds = [];
    let rooms = [];
    try {
      [feeds, rooms] = await Promise.all([Linli.get("/api/v1/hubs/" + encodeURIComponent(hubId) + "/calendar-feeds"),
        Linli.get("/api/v1/hubs/" + encodeURIComponent(hubId)).then(h => h.rooms || [])]);
    } catch (e) {
      $("calendars").replaceChildren(el("p", { class: "error" }, refusal(e)));
      return;
    }
    const roomName = id => { const r = rooms.find(x => x.id === id); return r ? Linli.name(r.name) : id; };
    $("calendar-room").replaceChildren(el("option", { value: "" }, Linli.t("calendar.hub")),
      ...rooms.map(r => el("option", { value: r.id }, Linli.name(r.name))));
    $("calendars").replaceChildren(feeds.length === 0 ? el("p", { class: "small" }, Linli.t("calendar.none"))
      : el("ul", { class: "feeds" }, feeds.map(f => el("li", { "data-feed": f.id },
        el("strong", {}, f.room ? roomName(f.room) : Linli.t("calendar.hub")),
        el("input", { class: "feed-url", readOnly: true, value: location.origin + f.path, onclick: e => e.target.select() }),
        el("button", { onclick: () => feedAction("POST", f.id + "/renew") }, Linli.t("calendar.renew")),
        el("button", { onclick: () => feedAction("DELETE", f.id) }, Linli.t("calendar.revoke"))))));
  }

  async function feedAction(method, tail) {
    try {
      await Linli.api(method, "/api/v1/hubs/" + encodeURIComponent(state.hub.id) + "/calendar-feeds/" + tail);
    } catch (e) {
      $("error").textContent = refusal(e);
    }
    loadCalendars();
  }

  $("calendar-create").addEventListener("click", async () => {
    const room = $("calendar-room").value;
    try {
      await Linli.post("/api/v1/hubs/" + encodeURIComponent(state.hub.id) + "/calendar-feeds", room ? { room } : {});
    } catch (e) {
      $("error").textContent = refusal(e);
    }
    loadCalendars();
  });

  $("controls").addEventListener("submit", e => { e.preventDefault(); load(); });
  $("period").addEventListener("change", () => {
    document.querySelectorAll(".custom").forEach(n => { n.hidden = $("period").value !== "custom"; });
    if ($("period").value !== "custom") load();
  });
  $("rollup").addEventListener("change", () => load());
  $("hub-picker").addEventListener("change", () => {
    state.hub = state.hubs.find(h => h.id === $("hub-picker").value);
    $("rollup").checked = state.hub.level !== "residential";
    load();
  });
  document.addEventListener("linli:language", () => { if (state.hub) load(); });

  (async function init() {
    const seen = await Linli.get("/api/v1/reports/hubs");
    state.hubs = seen.hubs;
    $("to-compare").hidden = seen.role !== "admin";
    $("hub-picker").replaceChildren(...state.hubs.map(h => el("option", { value: h.id },
      "  ".repeat(h.level === "district" ? 0 : h.level === "street" ? 1 : 2) + Linli.name(h.name))));
    const wanted = params.get("hub") || seen.hub || (state.hubs[0] && state.hubs[0].id);
    state.hub = state.hubs.find(h => h.id === wanted) || state.hubs[0];
    $("hub-picker").value = state.hub.id;
    if (params.get("period")) $("period").value = params.get("period");
    if (params.get("from") && params.get("to")) {
      $("period").value = "custom";
      $("from").value = params.get("from");
      $("to").value = params.get("to");
    }
    $("rollup").checked = params.has("rollup") ? params.get("rollup") === "true" : state.hub.level !== "residential";
    load();
  })();
})();
