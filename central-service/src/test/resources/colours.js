// What carries colour on the dashboard outside the exceptions that may. Defines window.linliColoured(), which returns
// [{text, where, property, colour}] for every visible element whose text, background or border is a colour (not a
// grey) and that is not inside one of EXCEPTIONS: the states an operator must look at, plus the brand's logo and
// line and the chart's series (a chart needs its series told apart).
window.linliColoured = function () {
  "use strict";
  const EXCEPTIONS = [
    ".room[data-status='occupied']", ".room[data-status='over_capacity']", ".room[data-stale='true']",
    ".warn-text", ".alert:not(.acknowledged) .kind", ".device[data-online='false']", ".dot.off", ".faces .low",
    ".chip.bad", ".offline-banner", ".logo", "header.bar", "#day-chart",
    // the hub near (90 %) or over its capacity
    "#kpi-people-tile[data-level='warn'] .share", "#kpi-people-tile[data-level='warn'] #kpi-people-meter",
    "#kpi-people-tile[data-level='over']"
  ].join(", ");
  // a colour is "grey" when its channels differ by little (#dcd6ce, the warm grey of the lines, differs by 14)
  const CHROMA = 30;

  function parse(css) {
    const m = /rgba?\(([^)]+)\)/.exec(css || "");
    if (!m) return null;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(parseFloat);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  }
  function coloured(css) {
    const c = parse(css);
    return c && c.a > 0 && Math.max(c.r, c.g, c.b) - Math.min(c.r, c.g, c.b) > CHROMA;
  }
  function where(el) {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 3; e = e.parentElement) {
      parts.unshift(e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string"
        ? "." + e.className.trim().split(/\s+/).join(".") : ""));
    }
    return parts.join(" > ");
  }

  const found = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || el.closest(EXCEPTIONS)) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden") continue;
    const ownText = [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    const checks = [["background-color", style.backgroundColor]];
    if (ownText) checks.push(["color", style.color]);
    for (const side of ["top", "right", "bottom", "left"]) {
      if (parseFloat(style.getPropertyValue("border-" + side + "-width")) > 0
          && style.getPropertyValue("border-" + side + "-style") !== "none") {
        checks.push(["border-" + side + "-color", style.getPropertyValue("border-" + side + "-color")]);
      }
    }
    for (const [property, value] of checks) {
      if (coloured(value)) {
        found.push({ text: (el.textContent || "").trim().slice(0, 40), where: where(el), property, colour: value });
        break;
      }
    }
  }
  return found;
};
