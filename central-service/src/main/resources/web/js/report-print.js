// The printable monthly report (A4): live figures of a month, or the figures as filed when ?filed=1.
(function () {
  "use strict";
  if (!Linli.requireSignIn()) return;
  Linli.wireHeader();
  const View = window.LinliReportView;
  const $ = id => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const hub = params.get("hub");
  const month = params.get("month");

  function lastDay(ym) {
    const [y, m] = ym.split("-").map(Number);
    return ym + "-" + String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0");
  }

  async function load() {
    $("error").textContent = "";
    if (!hub || !/^\d{4}-\d{2}$/.test(month || "")) {
      // opened without its hub and month (a bookmark, a typed address): say where it is opened from
      $("error").textContent = Linli.t("err.printWhich");
      return;
    }
    let report;
    try {
      report = params.get("filed")
        ? await Linli.get("/api/v1/reports/" + encodeURIComponent(hub) + "/monthly/" + month + "." + Linli.lang + ".json")
        : await Linli.get("/api/v1/reports/" + encodeURIComponent(hub) + "?from=" + month + "-01&to=" + lastDay(month)
          + "&lang=" + Linli.lang + (params.has("rollup") ? "&rollup=" + params.get("rollup") : ""));
    } catch (e) {
      $("error").textContent = e.message;
      return;
    }
    $("hub-name").textContent = Linli.name(report.scope.name);
    $("month").textContent = month;
    Linli.zone = report.scope.zone;
    $("period-text").textContent = report.period.from + " – " + report.period.to;
    $("asof").textContent = report.filedAt ? Linli.t("filed.at") + " " + report.filedAt.substring(0, 16).replace("T", " ")
      : report.computedAt ? Linli.t("as.of") + " " + report.computedAt.substring(0, 16).replace("T", " ") : "";
    $("kpis-box").replaceChildren(View.kpis(report));
    $("charts").replaceChildren(View.chartCard("chart-daily", Linli.t("chart.daily"), 200),
      View.chartCard("chart-heat", Linli.t("chart.heat"), 240),
      View.chartCard("chart-services", Linli.t("chart.services"), 240),
      View.chartCard("chart-rooms", Linli.t("chart.rooms"), 240),
      View.chartCard("chart-satisfaction", Linli.t("chart.satisfaction"), 180));
    View.drawCharts(report, false);
    $("tables").replaceChildren(...["summary", "services", "rooms", "activities"].map(id => View.table(report.tables[id])));
    document.body.dataset.ready = "true";
  }

  $("print-now").addEventListener("click", () => window.print());
  document.addEventListener("linli:language", load);
  load();
})();
