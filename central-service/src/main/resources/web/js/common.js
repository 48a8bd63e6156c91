// Shared by the staff pages: language, sign-in, JSON calls and the live event stream.
(function () {
  "use strict";
  const TOKEN = "linli.token";
  const LANG = "linli.lang";

  const Linli = {
    lang: localStorage.getItem(LANG) || (navigator.language && navigator.language.startsWith("en") ? "en" : "zh"),

    t(key, params) {
      const messages = window.LINLI_MESSAGES[Linli.lang] || window.LINLI_MESSAGES.zh;
      let text = messages[key] || window.LINLI_MESSAGES.zh[key] || key;
      for (const [name, value] of Object.entries(params || {})) {
        text = text.replace("{" + name + "}", value);
      }
      return text;
    },

    name(names) {
      if (!names) return "";
      if (typeof names === "string") return names;
      return names[Linli.lang] || names.zh || names.en || "";
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
      localStorage.setItem(TOKEN, token);
      // The event stream cannot send headers, so the token also travels as a same-site cookie.
      document.cookie = "linli_token=" + encodeURIComponent(token) + "; path=/; SameSite=Strict";
    },

    signOut() {
      localStorage.removeItem(TOKEN);
      document.cookie = "linli_token=; path=/; max-age=0; SameSite=Strict";
      Linli.toLogin();
    },

    toLogin() {
      location.href = "/login?next=" + encodeURIComponent(location.pathname + location.search);
    },

    requireSignIn() {
      if (!Linli.token()) { Linli.toLogin(); return false; }
      return true;
    },

    async api(method, path, body) {
      const headers = { "Accept": "application/json" };
      if (Linli.token()) headers["Authorization"] = "Bearer " + Linli.token();
      if (body !== undefined) headers["Content-Type"] = "application/json";
      const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      if (response.status === 401) { Linli.toLogin(); throw new Error("not signed in"); }
      const text = await response.text();
      const data = text ? JSON.parse(text) : null;
      if (!response.ok) {
        const error = new Error((data && (data.detail || data.title)) || response.statusText);
        error.status = response.status;
        // the problem detail itself: its type and, for wrong fields, which ones ({field, message})
        error.problem = data;
        throw error;
      }
      return data;
    },

    get(path) { return Linli.api("GET", path); },
    post(path, body) { return Linli.api("POST", path, body === undefined ? {} : body); },

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

    startClock(el) {
      const tick = () => {
        el.textContent = new Date().toLocaleString(Linli.lang === "zh" ? "zh-CN" : "en-GB",
          { weekday: "short", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
      };
      tick();
      setInterval(tick, 15000);
    },

    /** The hub's time zone (pages set it from the hub): staff read times as the hub's clock shows them. */
    zone: undefined,

    time(iso) {
      if (!iso) return "";
      return new Date(iso).toLocaleTimeString(Linli.lang === "zh" ? "zh-CN" : "en-GB",
        { hour: "2-digit", minute: "2-digit", timeZone: Linli.zone });
    },

    el(tag, attrs, ...children) {
      const node = document.createElement(tag);
      for (const [key, value] of Object.entries(attrs || {})) {
        if (key === "class") node.className = value;
        else if (key.startsWith("data-")) node.setAttribute(key, value);
        else if (key.startsWith("on")) node.addEventListener(key.substring(2), value);
        else node[key] = value;
      }
      for (const child of children.flat()) {
        if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
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
