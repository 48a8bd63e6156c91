// The catalogue page: pick a hub (or start a new one), edit its level, parent, names, zone, week and closures.
// The rooms, services, counters, activities (catalogue-parts.js), devices and kiosk keys (catalogue-devices.js)
// of the picked hub hang off LinliCatalogue.onHub.
(function () {
  "use strict";
  if (!Linli.requireSignIn()) return;
  Linli.wireHeader();
  const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
  const listeners = [];
  const roomListeners = [];
  const picker = document.getElementById("hub-select");
  const form = document.getElementById("hub-form");
  let hubs = [];
  let current = null;   // the picked hub's detail (GET /hubs/{hub}), null while a new hub is being made
  let me = null;

  function value(id) { return document.getElementById(id).value.trim(); }

  /** The wire's problem type without its address: "off-the-grid" of ".../problems/off-the-grid". */
  function problemType(e) {
    const type = (e.problem && e.problem.type) || "";
    return type.substring(type.lastIndexOf("/") + 1);
  }

  const Catalogue = {
    DAYS,
    hub() { return current; },
    hubs() { return hubs; },
    onHub(load) { listeners.push(load); },
    /** Told when the picked hub's rooms changed (the devices' room choices follow). */
    onRooms(draw) { roomListeners.push(draw); },
    roomsChanged(hub) { roomListeners.forEach(draw => draw(hub)); },
    /** Reads the picked hub again and redraws every section (after a room, service or counter was retired). */
    refresh() { return pick(current.id); },

    /**
     * Whether a form's id may be sent: well formed and, for a new entry, not one of {@code taken} (the server's PUT
     * would otherwise change that entry in place, silently). If not, says why beside the id field.
     */
    idOk(form, id, taken, takenKey) {
      let key = null;
      if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(id)) key = "cat.err.id";
      else if (taken.includes(id)) key = takenKey || "cat.err.idTaken";
      if (!key) return true;
      LinliForms.clear(form);
      const error = form.querySelector(".form-error");
      if (error) error.textContent = "";
      form.querySelector('.field-error[data-for="id"]').textContent = Linli.t(key);
      const input = form.querySelector('[name="id"]');
      if (input) input.setAttribute("aria-invalid", "true");
      return false;
    },

    /** A refusal in the page's language (the server's own words, in English, only when no translation exists). */
    refusal(e) {
      const key = e.status === 403 ? "cat.type.forbidden" : "cat.type." + problemType(e);
      const text = Linli.t(key);
      return text === key ? e.message : text;
    },

    /** Sends a form's body; a refusal is shown beside its fields, or under the form in the page's language. */
    async submit(form, send) {
      LinliForms.clear(form);
      const error = form.querySelector(".form-error");
      if (error) error.textContent = "";
      try {
        const answer = await send();
        return answer === undefined ? true : answer;
      } catch (e) {
        if (!LinliForms.show(form, e, "cat") && error) error.textContent = Catalogue.refusal(e);
        return null;
      }
    },

    /**
     * A secret the server shows once (a kiosk key, a device's broker password): on top of the page until the page is
     * left; {@code more} are further [label, text to copy] pairs that go with it.
     */
    showOnce(what, secret, note, more) {
      document.getElementById("shown-what").textContent = what;
      document.getElementById("shown-secret").textContent = secret;
      document.getElementById("shown-note").textContent = note || "";
      document.getElementById("shown-more").replaceChildren(...(more || []).map(([label, text]) =>
        Linli.el("p", {}, Linli.el("span", { class: "small" }, label), Linli.el("br"),
          Linli.el("code", { class: "command" }, text))));
      document.getElementById("shown-once").hidden = false;
      window.scrollTo(0, 0);
    },

    /** "2027-01-01T10:00" in the hub's zone as a time with that zone's offset then ("…+08:00"). */
    withOffset(local, zone) {
      if (!local) return null;
      const [date, time] = local.split("T");
      const [y, m, d] = date.split("-").map(Number);
      const [hh, mm] = time.split(":").map(Number);
      let guess = Date.UTC(y, m - 1, d, hh, mm);
      for (let i = 0; i < 2; i++) {
        const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
          .formatToParts(new Date(guess)).find(p => p.type === "timeZoneName").value;
        const match = /GMT([+-])(\d\d):(\d\d)/.exec(name);
        const offset = match ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
        guess = Date.UTC(y, m - 1, d, hh, mm) - offset * 60000;
        if (i === 1) {
          const sign = offset < 0 ? "-" : "+";
          const abs = Math.abs(offset);
          return date + "T" + time.substring(0, 5) + ":00" + sign + String(Math.floor(abs / 60)).padStart(2, "0")
            + ":" + String(abs % 60).padStart(2, "0");
        }
      }
      return null;
    }
  };
  window.LinliCatalogue = Catalogue;

  function weekRows(week) {
    document.getElementById("week").replaceChildren(...DAYS.map(day => {
      const hours = week ? week[day] : { open: "08:00", close: "21:00" };
      const open = Linli.el("input", { type: "time", name: "week." + day, "data-open": day, value: hours ? hours.open : "08:00" });
      const close = Linli.el("input", { type: "time", "data-close": day, value: hours ? hours.close : "21:00" });
      const isOpen = Linli.el("input", { type: "checkbox", "data-day": day, checked: !!hours,
        "aria-label": Linli.t("cat.open") });
      // a closed day's times are greyed out: they are not saved, and read as hours the hub keeps
      const follow = () => { open.disabled = !isOpen.checked; close.disabled = !isOpen.checked; };
      isOpen.addEventListener("change", follow);
      follow();
      return Linli.el("tr", {}, Linli.el("th", {}, Linli.t("wd." + day)),
        Linli.el("td", {}, Linli.el("label", { class: "inline" }, isOpen, " ", Linli.t("cat.open"))),
        Linli.el("td", {}, open, " – ", close),
        Linli.el("td", {}, Linli.el("span", { class: "field-error", "data-for": "week." + day })));
    }));
  }

  function parentOptions(selected) {
    const options = hubs.filter(h => !current || h.id !== current.id)
      .map(h => Linli.el("option", { value: h.id, selected: h.id === selected }, Linli.name(h.name) || h.id));
    options.unshift(Linli.el("option", { value: "", selected: !selected }, Linli.t("cat.noParent")));
    document.getElementById("hub-parent").replaceChildren(...options);
  }

  function fillHubForm() {
    const h = current;
    document.getElementById("hub-heading").textContent = h ? Linli.name(h.name) : Linli.t("cat.hub.new");
    const id = document.getElementById("hub-id");
    id.value = h ? h.id : "";
    id.readOnly = !!h;
    document.getElementById("hub-level").value = h ? h.level : (me && me.hub ? "residential" : "street");
    parentOptions(h ? h.parent : (me && me.hub) || "");
    document.getElementById("hub-nameZh").value = h ? h.name.zh : "";
    document.getElementById("hub-nameEn").value = h ? h.name.en : "";
    document.getElementById("hub-timezone").value = h ? h.timezone : "Asia/Shanghai";
    document.getElementById("hub-capacity").value = h && h.capacity ? String(h.capacity) : "";
    document.getElementById("hub-closures").value = h
      ? h.closures.map(c => (c.date + " " + (c.reason || "")).trim()).join("\n") : "";
    weekRows(h ? h.week : null);
    document.getElementById("hub-parts").hidden = !h;
    document.getElementById("hub-done").hidden = true;
  }

  function hubBody() {
    const week = {};
    for (const day of DAYS) {
      if (document.querySelector('[data-day="' + day + '"]').checked) {
        week[day] = { open: document.querySelector('[data-open="' + day + '"]').value,
          close: document.querySelector('[data-close="' + day + '"]').value };
      }
    }
    const closures = value("hub-closures").split("\n").map(line => line.trim()).filter(line => line)
      .map(line => {
        const space = line.search(/\s/);
        return space < 0 ? { date: line } : { date: line.substring(0, space), reason: line.substring(space + 1).trim() };
      });
    // empty: not set; anything but digits goes as written, for the server to say what is wrong beside the field
    const capacity = value("hub-capacity");
    return { level: value("hub-level"), parent: value("hub-parent") || null, nameZh: value("hub-nameZh"),
      nameEn: value("hub-nameEn"), timezone: value("hub-timezone"), week, closures,
      capacity: capacity === "" ? null : /^[0-9]+$/.test(capacity) ? Number(capacity) : capacity };
  }

  form.addEventListener("submit", async event => {
    event.preventDefault();
    document.getElementById("hub-done").hidden = true;
    const id = value("hub-id");
    if (!Catalogue.idOk(form, id, current ? [] : hubs.map(h => h.id), "cat.err.hubTaken")) return;
    const saved = await Catalogue.submit(form, () =>
      Linli.api("PUT", "/api/v1/hubs/" + encodeURIComponent(id), hubBody()));
    if (saved) {
      await loadHubs(saved.id);
      document.getElementById("hub-done").hidden = false;
    }
  });

  async function pick(id) {
    current = id ? await Linli.get("/api/v1/hubs/" + encodeURIComponent(id)) : null;
    picker.value = id || "";
    fillHubForm();
    if (current) {
      for (const load of listeners) await load(current);
    }
  }

  async function loadHubs(select) {
    hubs = await Linli.get("/api/v1/hubs");
    const options = hubs.map(h => Linli.el("option", { value: h.id }, Linli.name(h.name) || h.id));
    options.push(Linli.el("option", { value: "" }, "＋ " + Linli.t("cat.hub.new")));
    picker.replaceChildren(...options);
    document.getElementById("no-hub").hidden = hubs.length > 0;
    const wanted = select !== undefined ? select : (me && me.hub) || (hubs[0] && hubs[0].id) || "";
    await pick(hubs.some(h => h.id === wanted) ? wanted : "");
  }

  picker.addEventListener("change", () => pick(picker.value).catch(console.error));
  document.getElementById("hub-new").addEventListener("click", () => pick("").catch(console.error));
  document.addEventListener("linli:language", () => loadHubs(current ? current.id : "").catch(console.error));

  async function start() {
    me = await Linli.get("/api/v1/staff/me");
    await loadHubs();
  }
  // the other scripts register their sections first
  window.addEventListener("DOMContentLoaded", () => start().catch(console.error));
})();
