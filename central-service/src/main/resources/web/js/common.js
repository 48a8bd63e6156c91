// Shared by the web pages: language, the hub's clock, sign-in, JSON calls and the live event stream.
(function () {
  "use strict";
  const TOKEN = "linli.token";
  const LANG = "linli.lang";
  const LANGS = ["zh", "en"];

  /**
   * The page's language: ?lang= in the address (a board's or a test's choice), then what this browser chose on a
   * page before, then the browser's own list (navigator.languages is what it sends as Accept-Language). Chinese
   * when nothing says otherwise: the hubs are in Shanghai.
   */
  function firstLanguage() {
    const asked = new URLSearchParams(location.search).get("lang");
    if (LANGS.includes(asked)) return asked;
    const kept = localStorage.getItem(LANG);
    if (LANGS.includes(kept)) return kept;
    for (const tag of navigator.languages || [navigator.language || ""]) {
      const lang = String(tag).toLowerCase().split("-")[0];
      if (LANGS.includes(lang)) return lang;
    }
    return "zh";
  }

  /**
   * The language of a page residents see (the phone ticket): ?lang= (the kiosk's choice, or a test's), then what this
   * phone chose on the page before, then Chinese whatever the phone is set to: the resident has just used a Chinese
   * kiosk in a Shanghai hub. English is one tap away.
   */
  function residentLanguage() {
    const asked = new URLSearchParams(location.search).get("lang");
    if (LANGS.includes(asked)) return asked;
    const kept = localStorage.getItem(LANG);
    return LANGS.includes(kept) ? kept : "zh";
  }

  /** "12月4日 星期五" or "Fri 4 Dec" of an instant in a zone. */
  function dateLabel(when, zone, lang) {
    const zh = (lang || Linli.lang) === "zh";
    const parts = {};
    new Intl.DateTimeFormat(zh ? "zh-CN" : "en-GB", { month: zh ? "numeric" : "short", day: "numeric",
      weekday: zh ? "long" : "short", timeZone: zone }).formatToParts(when)
      .forEach(p => { parts[p.type] = p.value; });
    return zh ? parts.month + "月" + parts.day + "日 " + parts.weekday
      : parts.weekday + " " + parts.day + " " + parts.month;
  }

  const Linli = {
    lang: firstLanguage(),
    residentLanguage,

    t(key, params) {
      return Linli.tIn(Linli.lang, key, params);
    },

    tIn(lang, key, params) {
      const messages = window.LINLI_MESSAGES[lang] || window.LINLI_MESSAGES.zh;
      let text = messages[key] || window.LINLI_MESSAGES.zh[key] || key;
      for (const [name, value] of Object.entries(params || {})) {
        text = text.split("{" + name + "}").join(value);
      }
      return text;
    },

    name(names, lang) {
      if (!names) return "";
      if (typeof names === "string") return names;
      return names[lang || Linli.lang] || names.zh || names.en || "";
    },

    /** The language a screen nobody presses (the board, the lobby) shows beneath its own: the one it does not show. */
    otherLang() {
      return Linli.lang === "zh" ? "en" : "zh";
    },

    /** For the board and the lobby: a text in the page's language with the other language beneath it. */
    both(key, params) {
      const other = Linli.otherLang();
      return [Linli.t(key, params),
        Linli.el("span", { class: "en", lang: other === "en" ? "en" : "zh-CN" }, Linli.tIn(other, key, params))];
    },

    /** For the board and the lobby: a name in the page's language, and the other beneath when it differs. */
    named(names) {
      const first = Linli.name(names);
      const second = Linli.name(names, Linli.otherLang());
      return second && second !== first ? [first, Linli.el("span", { class: "en" }, second)] : [first];
    },

    /** The names of a room of a hub (GET /api/v1/hubs/{hub}), or its id while the hub is not known. */
    roomNames(hub, id) {
      const room = ((hub && hub.rooms) || []).find(r => r.id === id);
      return room ? room.name : id;
    },

    /**
     * A place's name as parts that a narrow line wraps between, never inside: "徐汇区" "湖南路街道" "梧桐66邻里汇"
     * (a plain wrap may cut "梧桐66邻|里汇"). The parts end at 区, 县, 市, 镇, 乡 and 街道; a name without them is one
     * part, and Latin names wrap at their spaces as usual.
     */
    placeParts(text) {
      return String(text || "").split(/(?<=区|县|市|镇|乡|街道)(?=.)/u)
        .map(part => Linli.el("span", { class: "place-part" }, part));
    },

    translatePage() {
      document.documentElement.lang = Linli.lang === "zh" ? "zh-CN" : "en";
      document.querySelectorAll("[data-i18n]").forEach(el => { el.textContent = Linli.t(el.dataset.i18n); });
    },

    setLanguage(lang) {
      Linli.lang = lang;
      localStorage.setItem(LANG, lang);
      Linli.translatePage();
      document.dispatchEvent(new CustomEvent("linli:language"));
    },

    token() { return localStorage.getItem(TOKEN); },

    signIn(token) {
      // For the Authorization header of API calls. The pages and the event stream (which cannot send headers) use
      // the HttpOnly cookie the server set with the answer to the login: no script can read that one.
      localStorage.setItem(TOKEN, token);
    },

    async signOut() {
      // The server ends the session (the token is void everywhere) and clears its cookie.
      try {
        await fetch("/api/v1/auth/logout", { method: "POST", headers: Linli.token() ? { "Authorization": "Bearer " + Linli.token() } : {} });
      } catch (e) {
        // offline: the session ends by itself
      }
      localStorage.removeItem(TOKEN);
      Linli.toLogin();
    },

    toLogin() {
      location.href = "/login?next=" + encodeURIComponent(location.pathname + location.search);
    },

    requireSignIn() {
      if (!Linli.token()) { Linli.toLogin(); return false; }
      return true;
    },

    /** @param more further request headers, such as an Idempotency-Key */
    async api(method, path, body, more) {
      const headers = Object.assign({ "Accept": "application/json" }, more || {});
      if (Linli.token()) headers["Authorization"] = "Bearer " + Linli.token();
      if (body !== undefined) headers["Content-Type"] = "application/json";
      const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      if (response.status === 401) { Linli.toLogin(); throw new Error("not signed in"); }
      const text = await response.text();
      const data = text ? JSON.parse(text) : null;
      if (!response.ok) {
        const error = new Error((data && (data.detail || data.title)) || response.statusText);
        error.status = response.status;
        error.type = data && data.type;
        // the problem detail itself: its type and, for wrong fields, which ones ({field, message})
        error.problem = data;
        throw error;
      }
      return data;
    },

    get(path) { return Linli.api("GET", path); },
    post(path, body, more) { return Linli.api("POST", path, body === undefined ? {} : body, more); },

    /** A fresh Idempotency-Key (crypto.randomUUID needs a secure context; a hub's LAN address may not be one). */
    newKey() {
      return Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, "0")).join("");
    },

    /** Listens to the live stream; the browser resumes with Last-Event-ID after a drop by itself. */
    live(hub, handlers) {
      const source = new EventSource("/api/v1/events" + (hub ? "?hub=" + encodeURIComponent(hub) : ""));
      for (const [name, handler] of Object.entries(handlers)) {
        source.addEventListener(name, event => handler(JSON.parse(event.data), event));
      }
      source.onopen = () => document.body.classList.remove("disconnected");
      source.onerror = () => document.body.classList.add("disconnected");
      return source;
    },

    // ------------------------------------------------------------------ the hub's time
    // A page shows the hub's clock in the hub's zone: the zone comes from GET /api/v1/hubs/{hub}, and the time from
    // the server ("now" there, "ts" in other answers). The machine the browser runs on may be set to another zone,
    // or simply be wrong; a board's clock that disagrees with the times of its calls confuses everyone.

    /** The hub's time zone (pages set it from the hub). */
    zone: undefined,
    offset: 0,
    synced: false,

    /** Takes the hub (zone and "now") or a server time, and from then on shows the hub's clock. */
    useHub(hub) {
      if (hub && hub.timezone) Linli.zone = hub.timezone;
      if (hub && hub.now) Linli.syncClock(hub.now);
    },

    syncClock(iso) {
      const server = Date.parse(iso);
      if (Number.isNaN(server)) return;
      Linli.offset = server - Date.now();
      Linli.synced = true;
      document.dispatchEvent(new CustomEvent("linli:clock"));
    },

    /** Now, as the server's clock says. */
    now() { return new Date(Date.now() + Linli.offset); },

    locale() { return Linli.lang === "zh" ? "zh-CN" : "en-GB"; },

    time(iso, lang) {
      if (!iso) return "";
      return new Date(iso).toLocaleTimeString((lang || Linli.lang) === "zh" ? "zh-CN" : "en-GB",
        { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: Linli.zone });
    },

    /** "12月4日 星期五" or "Fri 4 Dec", in the hub's zone. */
    date(when, lang) {
      return dateLabel(new Date(when), Linli.zone, lang);
    },

    /** A calendar date's label (YYYY-MM-DD), e.g. "12月7日 星期一" or "Mon 7 Dec": the date itself, in no zone. */
    dayLabel(day, lang) {
      return dateLabel(new Date(day + "T00:00:00Z"), "UTC", lang);
    },

    /** The hub's date today, YYYY-MM-DD. */
    today() {
      return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: Linli.zone })
        .format(Linli.now());
    },

    /** The day after a YYYY-MM-DD date. */
    nextDay(day) {
      return Linli.plusDays(day, 1);
    },

    /** YYYY-MM-DD plus n days (calendar arithmetic, no zone involved). */
    plusDays(day, n) {
      const d = new Date(day + "T00:00:00Z");
      d.setUTCDate(d.getUTCDate() + n);
      return d.toISOString().substring(0, 10);
    },

    /** The Monday of the week of a YYYY-MM-DD date. */
    monday(day) {
      const dow = new Date(day + "T00:00:00Z").getUTCDay();
      return Linli.plusDays(day, -((dow + 6) % 7));
    },

    /** Whole minutes from an ISO time to now (never negative). */
    minutesSince(iso) {
      return iso ? Math.max(0, Math.floor((Linli.now().getTime() - Date.parse(iso)) / 60000)) : 0;
    },

    /** Shows the hub's date and time in el once the page knows the hub; blank until then, never the browser's. */
    startClock(el) {
      const tick = () => {
        el.textContent = Linli.synced && Linli.zone ? Linli.date(Linli.now()) + " " + Linli.time(Linli.now().toISOString()) : "";
      };
      tick();
      document.addEventListener("linli:clock", tick);
      document.addEventListener("linli:language", tick);
      setInterval(tick, 5000);
    },

    el(tag, attrs, ...children) {
      const node = document.createElement(tag);
      for (const [key, value] of Object.entries(attrs || {})) {
        if (value === undefined || value === null || value === false) continue;
        if (key === "class") node.className = value;
        // through the CSSOM: a style attribute is inline style, which the Content-Security-Policy refuses
        else if (key === "style") node.style.cssText = value;
        else if (key.startsWith("data-") || key.startsWith("aria-") || key === "role") node.setAttribute(key, value);
        else if (key.startsWith("on")) node.addEventListener(key.substring(2), value);
        else node[key] = value;
      }
      for (const child of children.flat()) {
        if (child !== null && child !== undefined && child !== false) node.append(child instanceof Node ? child : String(child));
      }
      return node;
    },

    wireHeader() {
      const lang = document.getElementById("lang");
      if (lang) lang.addEventListener("click", () => Linli.setLanguage(Linli.lang === "zh" ? "en" : "zh"));
      const logout = document.getElementById("logout");
      if (logout) logout.addEventListener("click", () => Linli.signOut());
      const clock = document.getElementById("clock");
      if (clock) Linli.startClock(clock);
      Linli.translatePage();
    }
  };
  window.Linli = Linli;
})();
