// Hub comparison: one row per hub with the star rating's inputs, sortable, with trends against the previous period.
(function () {
  "use strict";
  if (!Linli.requireSignIn()) return;
  Linli.wireHeader();
  const el = Linli.el;
  const $ = id => document.getElementById(id);
  const CRITERIA = ["satisfaction", "waits", "utilisation", "visitsPerHour", "noShows", "devices"];
  // column key (as the export knows it) -> how the page shows it
  const COLUMNS = [
    { key: "hub", label: "c.hub", value: r => Linli.name(r.name), text: true },
    { key: "score", label: "c.score", value: r => r.score, fmt: v => v === undefined ? "–" : v.toFixed(1), trend: r => r.scoreTrend },
    { key: "stars", label: "c.stars", value: r => r.stars, fmt: v => v === undefined ? "–" : "★".repeat(Math.round(v)) + " " + v.toFixed(1) },
    { key: "satisfaction", label: "c.satisfaction", criterion: "satisfaction", fmt: v => v.toFixed(2) },
    { key: "withinTarget", label: "c.waits", criterion: "waits", fmt: v => (v * 100).toFixed(1) + "%" },
    { key: "utilisation", label: "c.utilisation", criterion: "utilisation", fmt: v => (v * 100).toFixed(1) + "%" },
    { key: "visitsPerHour", label: "c.visitsPerHour", criterion: "visitsPerHour", fmt: v => v.toFixed(2) },
    { key: "noShows", label: "c.noShows", criterion: "noShows", fmt: v => (v * 100).toFixed(1) + "%" },
    { key: "devices", label: "c.devices", criterion: "devices", fmt: v => (v * 100).toFixed(1) + "%" }
  ];
  const state = { hubs: [], hub: null, data: null, sort: "score", desc: true, hidden: new Set(), role: null, mine: null };

  function query() {
    const q = new URLSearchParams();
    if ($("period").value === "custom") { q.set("from", $("from").value); q.set("to", $("to").value); }
    else q.set("period", $("period").value);
    q.set("level", $("level").value);
    q.set("lang", Linli.lang);
    return q;
  }

  function valueOf(row, col) {
    return col.criterion ? (row.inputs[col.criterion] || {}).value : col.value(row);
  }

  function arrow(trend) {
    return trend > 0 ? el("span", { class: "trend up", title: Linli.t("trend.up") }, "↑")
      : trend < 0 ? el("span", { class: "trend down", title: Linli.t("trend.down") }, "↓")
      : el("span", { class: "trend flat", title: Linli.t("trend.flat") }, "→");
  }

  function draw() {
    const shown = COLUMNS.filter(c => !state.hidden.has(c.key));
    $("head").replaceChildren(el("tr", {}, shown.map(c => el("th", {
      class: (c.text ? "" : "num") + " sortable" + (state.sort === c.key ? (state.desc ? " desc" : " asc") : ""),
      "data-key": c.key,
      onclick: () => { state.desc = state.sort === c.key ? !state.desc : !c.text; state.sort = c.key; draw(); }
    }, Linli.t(c.label) + (c.criterion ? " (" + state.data.weights[c.criterion] + ")" : "")))));
    const col = COLUMNS.find(c => c.key === state.sort);
    const rows = [...state.data.rows].sort((a, b) => {
      const x = valueOf(a, col), y = valueOf(b, col);
      if (x === undefined || x === null) return 1;
      if (y === undefined || y === null) return -1;
      const order = typeof x === "string" ? x.localeCompare(y) : x - y;
      return state.desc ? -order : order;
    });
    $("rows").replaceChildren(...rows.map(r => el("tr", { "data-hub": r.hub }, shown.map(c => {
      const v = valueOf(r, c);
      const text = v === undefined || v === null ? "–" : c.fmt ? c.fmt(v) : String(v);
      const trend = c.criterion ? (r.inputs[c.criterion] || {}).trend : c.trend ? c.trend(r) : null;
      return el("td", { class: c.text ? "" : "num" }, text, trend === null || trend === undefined || c.text ? null : arrow(trend));
    }))));
    const base = "/api/v1/reports/" + encodeURIComponent(state.hub.id) + "/comparison";
    const q = query();
    q.set("columns", shown.map(c => c.key).join(","));
    $("csv").href = base + ".csv?" + q;
    $("xlsx").href = base + ".xlsx?" + q;
    $("column-toggles").replaceChildren(...COLUMNS.filter(c => c.key !== "hub").map(c => el("label", {},
      el("input", { type: "checkbox", checked: !state.hidden.has(c.key), onchange: e => {
        if (e.target.checked) state.hidden.delete(c.key); else state.hidden.add(c.key); draw(); } }), " " + Linli.t(c.label))));
  }

  function drawWeights() {
    const editable = state.role === "admin" && (!state.mine || state.mine.level === "district");
    $("weights").replaceChildren(...CRITERIA.map(k => el("label", {}, Linli.t("c." + k) + " ",
      el("input", { type: "number", min: 0, max: 100, name: k, value: state.data.weights[k], disabled: !editable }))),
      editable ? el("button", { type: "submit" }, Linli.t("weights.save")) : null, el("span", { id: "weights-saved", class: "small" }));
    $("how").replaceChildren(...CRITERIA.map(k => el("li", {}, Linli.t("how." + k))));
  }

  async function load() {
    $("error").textContent = "";
    document.querySelectorAll(".custom").forEach(n => { n.hidden = $("period").value !== "custom"; });
    $("hub-name").textContent = Linli.name(state.hub.name);
    try {
      state.data = await Linli.get("/api/v1/reports/" + encodeURIComponent(state.hub.id) + "/comparison?" + query());
    } catch (e) {
      const fields = ((e.problem && e.problem.errors) || []).map(f => f.field);
      $("error").textContent = fields.some(f => ["from", "to", "period"].includes(f)) ? Linli.t("err.range")
        : e.status === 403 ? Linli.t("err.forbidden") : e.message;
      return;
    }
    const p = state.data.period;
    $("period-text").textContent = p.from + " – " + p.to + " · " + Linli.t("previous.period") + " "
      + state.data.previous.from + " – " + state.data.previous.to;
    draw();
    drawWeights();
  }

  $("weights").addEventListener("submit", async e => {
    e.preventDefault();
    const body = {};
    CRITERIA.forEach(k => { body[k] = Number($("weights").elements[k].value); });
    const note = $("weights-saved");
    CRITERIA.forEach(k => $("weights").elements[k].removeAttribute("aria-invalid"));
    try {
      await Linli.api("PUT", "/api/v1/reports/weights", body);
      await load();
      $("weights-saved").textContent = Linli.t("weights.saved");
    } catch (err) {
      // beside the weights, in the page's language, the wrong ones marked (it was the server's English on top)
      const fields = ((err.problem && err.problem.errors) || []).map(f => f.field);
      CRITERIA.filter(k => fields.includes(k) || fields.includes("weights"))
        .forEach(k => $("weights").elements[k].setAttribute("aria-invalid", "true"));
      note.className = "error";
      note.textContent = fields.length ? Linli.t("err.weight") : err.message;
    }
  });
  $("controls").addEventListener("submit", e => { e.preventDefault(); load(); });
  ["period", "level"].forEach(id => $(id).addEventListener("change", () => { if ($("period").value !== "custom") load(); else
    document.querySelectorAll(".custom").forEach(n => { n.hidden = false; }); }));
  $("hub-picker").addEventListener("change", () => {
    state.hub = state.hubs.find(h => h.id === $("hub-picker").value);
    $("level").value = state.hub.level === "district" ? "street" : "all";
    load();
  });
  document.addEventListener("linli:language", () => { if (state.data) load(); });

  (async function init() {
    const seen = await Linli.get("/api/v1/reports/hubs");
    state.role = seen.role;
    state.hubs = seen.hubs.filter(h => h.level !== "residential");
    state.mine = seen.hubs.find(h => h.id === seen.hub) || null;
    $("hub-picker").replaceChildren(...state.hubs.map(h => el("option", { value: h.id }, Linli.name(h.name))));
    const params = new URLSearchParams(location.search);
    state.hub = state.hubs.find(h => h.id === params.get("hub")) || state.hubs[0];
    $("hub-picker").value = state.hub.id;
    $("level").value = params.get("level") || (state.hub.level === "district" ? "street" : "all");
    if (params.get("period")) $("period").value = params.get("period");
    if (params.get("from") && params.get("to")) {
      $("period").value = "custom"; $("from").value = params.get("from"); $("to").value = params.get("to");
    }
    load();
  })();
})();
