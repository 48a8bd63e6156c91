// WCAG 2.1 contrast of every visible text on the page against what is behind it, worked out in the browser.
// Defines window.linliContrast(), which returns {checked, failures: [{text, ratio, need, fg, bg, where}]}.
// - Text is every element with a text node of its own (and SVG text, e.g. a chart's labels, by its fill).
// - The background is the element's and its ancestors' background colours composited from the page up; text on a
//   background image or gradient cannot be measured and counts as a failure, so the pages must not do that.
// - Opacity of the element and its ancestors fades the text into that background.
// - Large text (24 px, or 18.66 px bold) needs 3:1, other text 4.5:1. Disabled controls are exempt, as in WCAG.
// - Running animations are first paused halfway, where a flash is strongest.
window.linliContrast = function () {
  "use strict";
  document.getAnimations().forEach(a => {
    const timing = a.effect && a.effect.getComputedTiming();
    a.pause();
    a.currentTime = timing && Number.isFinite(timing.duration) ? timing.duration / 2 : 0;
  });

  function parse(css) {
    const m = /rgba?\(([^)]+)\)/.exec(css || "");
    if (!m) return null;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(v => v.endsWith("%") ? parseFloat(v) / 100 : parseFloat(v));
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  }
  function over(top, bottom) {
    const a = top.a;
    return { r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a), b: top.b * a + bottom.b * (1 - a), a: 1 };
  }
  function luminance(c) {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  }
  function ratio(a, b) {
    const x = luminance(a), y = luminance(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  }
  function hex(c) {
    return "#" + [c.r, c.g, c.b].map(v => Math.round(v).toString(16).padStart(2, "0")).join("");
  }
  function backgroundOf(el) {
    const layers = [];
    let image = false;
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      if (n instanceof SVGElement && !(n instanceof SVGSVGElement)) continue;
      const s = getComputedStyle(n);
      if (s.backgroundImage && s.backgroundImage !== "none") image = true;
      const c = parse(s.backgroundColor);
      if (c && c.a > 0) {
        layers.push(c);
        if (c.a >= 1) break;
      }
    }
    let bg = { r: 255, g: 255, b: 255, a: 1 };
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return { bg, image };
  }
  function opacityOf(el) {
    let o = 1;
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) o *= parseFloat(getComputedStyle(n).opacity || "1");
    return o;
  }
  function visible(el) {
    if (el.closest("[hidden], script, style, title, option, head")) return false;
    const s = getComputedStyle(el);
    if (s.visibility !== "visible" || s.display === "none") return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  }
  function ownText(el) {
    let text = "";
    for (const n of el.childNodes) if (n.nodeType === 3) text += n.textContent;
    return text.trim();
  }
  function where(el) {
    const parts = [];
    for (let n = el; n && n.nodeType === 1 && parts.length < 4; n = n.parentElement) {
      parts.unshift(n.tagName.toLowerCase() + (n.id ? "#" + n.id : "") + (typeof n.className === "string" && n.className
        ? "." + n.className.trim().split(/\s+/).join(".") : ""));
    }
    return parts.join(" > ");
  }

  const failures = [];
  let checked = 0;
  for (const el of document.querySelectorAll("body *")) {
    const text = ownText(el);
    if (!text || !visible(el)) continue;
    if (el.closest("button:disabled, input:disabled, select:disabled, [aria-disabled='true']")) continue;
    const s = getComputedStyle(el);
    const svg = el instanceof SVGElement;
    let fg = parse(svg ? s.fill : s.color);
    if (!fg) continue;
    if (svg) fg.a *= parseFloat(s.fillOpacity || "1");
    const { bg, image } = backgroundOf(el);
    fg = { ...fg, a: fg.a * opacityOf(el) };
    const shown = over(fg, bg);
    const size = parseFloat(s.fontSize);
    const bold = parseInt(s.fontWeight, 10) >= 700;
    const need = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
    const r = ratio(shown, bg);
    checked++;
    if (image || r < need) {
      failures.push({ text: text.substring(0, 60), ratio: Math.round(r * 100) / 100, need, fg: hex(shown), bg: hex(bg),
        image, where: where(el) });
    }
  }
  return { checked, failures };
};
