// Draws a report (the JSON of /api/v1/reports/{hub}) with ECharts and plain DOM; shared by the report page and the
// printable monthly report.
(function () {
  "use strict";
  const el = Linli.el;
  const charts = [];

  const View = {
    fmt(value, type) {
      if (value === null || value === undefined) return "–";
      switch (type) {
        case "pct": return (value * 100).toFixed(1) + "%";
        case "hours": return Number(value).toFixed(1);
        case "rating": return Number(value).toFixed(2);
        case "number": return Number.isInteger(value) ? String(value) : Number(value).toFixed(2);
        default: return String(value);
      }
    },

    /** One headline figure with its change against the previous period; up is good unless said otherwise. */
    kpi(id, label, now, before, type, lowerIsBetter) {
      let change = "";
      let cls = "flat";
      if (typeof now === "number" && typeof before === "number" && before !== 0) {
        const delta = (now - before) / Math.abs(before);
        const better = lowerIsBetter ? delta < 0 : delta > 0;
        cls = Math.abs(delta) < 0.01 ? "flat" : better ? "up" : "down";
        change = (delta > 0 ? "▲ " : delta < 0 ? "▼ " : "") + Math.abs(delta * 100).toFixed(0) + "%";
      }
      return el("div", { class: "kpi", "data-kpi": id },
        el("div", { class: "value" }, View.fmt(now, type)),
        el("div", { class: "label" }, label),
        el("div", { class: "change " + cls }, change ? change + " " + Linli.t("vs.previous") : ""),
        el("div", { class: "small" }, Linli.t("previous.period") + " " + View.fmt(before, type)));
    },

    kpis(report) {
      const f = report.figures || {};
      const p = report.previousFigures || {};
      return el("div", { class: "kpis", id: "kpis" },
        View.kpi("visits", Linli.t("k.visits"), f.visits, p.visits, "int"),
        View.kpi("tickets", Linli.t("k.tickets"), f.tickets, p.tickets, "int"),
        View.kpi("waitMedian", Linli.t("k.waitMedian"), f.waitMedian, p.waitMedian, "number", true),
        View.kpi("overTarget", Linli.t("k.overTarget"), f.overTargetShare, p.overTargetShare, "pct", true),
        View.kpi("booked", Linli.t("k.booked"), f.bookedShare, p.bookedShare, "pct"),
        View.kpi("sensed", Linli.t("k.sensed"), f.sensedShare, p.sensedShare, "pct"),
        View.kpi("rating", Linli.t("k.rating"), f.averageRating, p.averageRating, "rating"),
        View.kpi("rated", Linli.t("k.rated"), f.ratedShare, p.ratedShare, "pct"),
        View.kpi("noShows", Linli.t("k.noShows"), f.noShows, p.noShows, "int", true),
        View.kpi("signupNoShows", Linli.t("k.signupNoShows"), f.signupNoShows, p.signupNoShows, "int", true),
        View.kpi("attended", Linli.t("k.attended"), f.attended, p.attended, "int"));
    },

    /** A table as the server sent it; {@code csv} gives the export link of the table, if any. */
    table(table, csv) {
      const head = el("tr", {}, table.columns.map(c => el("th", { class: c.type === "text" || c.type === "day" ? "" : "num" }, c.label)));
      const rows = table.rows.map(r => el("tr", {}, r.map((v, i) => el("td",
        { class: table.columns[i].type === "text" || table.columns[i].type === "day" ? "" : "num" },
        View.fmt(v, table.columns[i].type)))));
      return el("section", { class: "card", "data-table": table.id },
        el("h2", {}, table.title, csv ? el("a", { class: "export no-print", href: csv, download: "" }, Linli.t("export.csv")) : null),
        el("div", { class: "scroll" }, el("table", {}, el("thead", {}, head), el("tbody", {}, rows.length ? rows
          : [el("tr", {}, el("td", { colSpan: table.columns.length }, Linli.t("no.data")))]))));
    },

    chartCard(id, title, height) {
      const box = el("div", { class: "chart", id: id, style: "height:" + (height || 280) + "px" });
      return el("section", { class: "card" }, el("h2", {}, title), box);
    },

    /**
     * Draws the charts into the cards made by chartCard; SVG so that print is sharp. Still when the reader asks
     * for less motion (their system's setting), as for print.
     */
    drawCharts(report, animate) {
      charts.splice(0).forEach(c => c.dispose());
      if (window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches) animate = false;
      const make = (id, option) => {
        const node = document.getElementById(id);
        if (!node) return;
        const chart = echarts.init(node, null, { renderer: "svg" });
        chart.setOption(Object.assign({ animation: animate !== false, textStyle: { fontFamily: "inherit" } }, option));
        charts.push(chart);
      };
      const t = report.tables;
      const daily = t.daily.rows;
      make("chart-daily", {
        tooltip: { trigger: "axis" }, grid: { left: 48, right: 16, top: 24, bottom: 32 },
        xAxis: { type: "category", data: daily.map(r => r[0]) }, yAxis: { type: "value", minInterval: 1 },
        series: [{ name: Linli.t("series.visits"), type: daily.length > 45 ? "line" : "bar", data: daily.map(r => r[1]),
          itemStyle: { color: "#F18700" }, showSymbol: false }]
      });
      // names down the side as wide as they need ("Residents' council hall" lost its start at 110 px), up to a limit
      const names = { left: 12, right: 16, top: 28, bottom: 24, containLabel: true };
      const nameLabel = { width: 220, overflow: "truncate" };
      const services = t.services.rows.slice(0, 12);
      make("chart-services", {
        tooltip: { trigger: "axis" }, legend: { top: 0 }, grid: names,
        yAxis: { type: "category", data: services.map(r => r[0]), inverse: true, axisLabel: nameLabel }, xAxis: { type: "value", minInterval: 1 },
        series: [{ name: Linli.t("series.visits"), type: "bar", data: services.map(r => r[1]), itemStyle: { color: "#F18700" } },
          { name: Linli.t("series.tickets"), type: "bar", data: services.map(r => r[2]), itemStyle: { color: "#5470c6" } }]
      });
      const rooms = t.rooms.rows.slice(0, 20);
      make("chart-rooms", {
        tooltip: { trigger: "axis", valueFormatter: v => v === null ? "–" : (v * 100).toFixed(1) + "%" }, legend: { top: 0 },
        grid: names,
        yAxis: { type: "category", data: rooms.map(r => r[0]), inverse: true, axisLabel: nameLabel },
        xAxis: { type: "value", axisLabel: { formatter: v => Math.round(v * 100) + "%" } },
        series: [{ name: Linli.t("series.booked"), type: "bar", data: rooms.map(r => r[4]), itemStyle: { color: "#F18700" } },
          { name: Linli.t("series.sensed"), type: "bar", data: rooms.map(r => r[5]), itemStyle: { color: "#91cc75" } }]
      });
      const days = t.heatmap.rows.map(r => r[0]);
      const cells = [];
      let max = 1;
      report.heatmap.forEach((row, w) => row.forEach((v, h) => { cells.push([h, w, v]); max = Math.max(max, v); }));
      make("chart-heat", {
        tooltip: { position: "top" }, grid: { left: 48, right: 16, top: 8, bottom: 64 },
        xAxis: { type: "category", data: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, "0")), splitArea: { show: true } },
        yAxis: { type: "category", data: days, inverse: true, splitArea: { show: true } },
        visualMap: { min: 0, max: max, calculable: true, orient: "horizontal", left: "center", bottom: 0,
          inRange: { color: ["#fff7ec", "#fdd49e", "#F18700", "#b35806"] } },
        series: [{ type: "heatmap", data: cells, label: { show: false } }]
      });
      const stars = report.ratingsByStars || [0, 0, 0, 0, 0];
      make("chart-satisfaction", {
        tooltip: { trigger: "axis" }, grid: { left: 48, right: 16, top: 16, bottom: 32 },
        xAxis: { type: "category", data: [1, 2, 3, 4, 5].map(s => "★".repeat(s)) }, yAxis: { type: "value", minInterval: 1 },
        series: [{ name: Linli.t("series.ratings"), type: "bar", data: stars,
          itemStyle: { color: p => ["#d73027", "#fc8d59", "#fee08b", "#91cf60", "#1a9850"][p.dataIndex] } }]
      });
    },

    resize() { charts.forEach(c => c.resize()); }
  };
  window.addEventListener("resize", () => View.resize());
  window.LinliReportView = View;
})();
