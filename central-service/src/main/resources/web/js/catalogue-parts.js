// The picked hub's rooms with their rules, services, counters and activities: a table of each, and a form that
// makes a new one or, after "edit", changes that one (PUT by id).
(function () {
  "use strict";
  if (!window.LinliCatalogue) return;
  const C = window.LinliCatalogue;
  const RULES = ["slotMinutes", "minMinutes", "maxMinutes", "leadMinutes", "maxDaysAhead", "maxActivePerResident"];

  function field(id) { return document.getElementById(id); }
  function text(id) { return field(id).value.trim(); }
  function number(id) { const v = text(id); return v === "" ? null : Number(v); }

  function editButton(kind, id, fill) {
    return Linli.el("button", { class: "secondary", type: "button", "data-edit": kind + ":" + id, onclick: () => {
      fill();
      field(kind + "-id").readOnly = true;
      field(kind + "-form").scrollIntoView({ block: "nearest" });
    } }, Linli.t("cat.edit"));
  }

  function resetForm(kind) {
    field(kind + "-form").reset();
    field(kind + "-id").readOnly = false;
  }

  function checks(container, name, options, selected) {
    container.replaceChildren(...options.map(o => Linli.el("label", { class: "inline" },
      Linli.el("input", { type: "checkbox", name, value: o.id, checked: selected.includes(o.id) }), " ",
      Linli.name(o.name) || o.id)));
  }

  function checked(container) {
    return [...container.querySelectorAll("input:checked")].map(i => i.value);
  }

  function drawRooms(hub) {
    field("rooms").replaceChildren(...hub.rooms.map(r => Linli.el("tr", { "data-room": r.id },
      Linli.el("td", {}, Linli.name(r.name)), Linli.el("td", {}, Linli.t("cat.people", { n: r.capacity })),
      Linli.el("td", { class: "small" }, Linli.t("cat.rulesLine", r.rules)),
      Linli.el("td", {}, editButton("room", r.id, () => {
        field("room-id").value = r.id;
        field("room-nameZh").value = r.name.zh;
        field("room-nameEn").value = r.name.en;
        field("room-capacity").value = r.capacity;
        for (const rule of RULES) field("room-" + rule).value = r.rules[rule];
      }), ...C.retireCell("room", r)))));
  }

  function drawServices(hub) {
    field("services").replaceChildren(...hub.services.map(s => Linli.el("tr", { "data-service": s.id },
      Linli.el("td", {}, s.letter), Linli.el("td", {}, Linli.name(s.name)),
      Linli.el("td", {}, Linli.t("cat.minutes", { n: s.typicalMinutes })),
      Linli.el("td", {}, editButton("service", s.id, () => {
        field("service-id").value = s.id;
        field("service-letter").value = s.letter;
        field("service-nameZh").value = s.name.zh;
        field("service-nameEn").value = s.name.en;
        field("service-typicalMinutes").value = s.typicalMinutes;
      }), ...C.retireCell("service", s)))));
  }

  function drawCounters(hub) {
    const letters = id => (hub.services.find(s => s.id === id) || { letter: id }).letter;
    field("counters").replaceChildren(...hub.counters.map(c => Linli.el("tr", { "data-counter": c.id },
      Linli.el("td", {}, Linli.name(c.name)), Linli.el("td", {}, c.services.map(letters).join(" ")),
      Linli.el("td", {}, editButton("counter", c.id, () => {
        field("counter-id").value = c.id;
        field("counter-nameZh").value = c.name.zh;
        field("counter-nameEn").value = c.name.en;
        checks(field("counter-services"), "services", hub.services, c.services);
      }), ...C.retireCell("counter", c)))));
    checks(field("counter-services"), "services", hub.services, []);
  }

  const LISTED_DAYS = 90;

  async function drawActivities(hub) {
    // what is on from today for the next 90 days, in the hub's days: operators plan a season ahead, and an activity
    // saved for next month must show in the list it was saved from
    const today = hub.now.substring(0, 10);
    const until = new Date(Date.parse(today + "T00:00:00Z") + LISTED_DAYS * 86400000).toISOString().substring(0, 10);
    activities = await Linli.get("/api/v1/hubs/" + encodeURIComponent(hub.id) + "/activities?from=" + today
      + "&to=" + until);
    field("activities").replaceChildren(...activities.map(a => Linli.el("tr", { "data-activity": a.id },
      Linli.el("td", {}, Linli.name(a.title)), Linli.el("td", { class: "small" }, a.start.substring(0, 16).replace("T", " ")),
      Linli.el("td", {}, editButton("activity", a.id, () => {
        field("activity-id").value = a.id;
        field("activity-room").value = a.room;
        field("activity-titleZh").value = a.title.zh;
        field("activity-titleEn").value = a.title.en;
        field("activity-start").value = a.start.substring(0, 16);
        field("activity-end").value = a.end.substring(0, 16);
        field("activity-capacity").value = a.capacity;
      }), " ", Linli.el("button", { class: "danger", type: "button", "data-cancel": "activity:" + a.id,
        onclick: () => startCancel(a) }, Linli.t("cat.activity.cancel"))))));
    field("activity-room").replaceChildren(...hub.rooms.map(r =>
      Linli.el("option", { value: r.id }, Linli.name(r.name))));
  }

  // calling an activity off: with a reason (audited); its sign-ups go with it, and the page says how many to tell
  let cancelling = null;

  function startCancel(a) {
    cancelling = a;
    const form = field("activity-cancel");
    LinliForms.clear(form);
    form.querySelector(".form-error").textContent = "";
    field("activity-cancelled").hidden = true;
    field("activity-cancel-what").textContent = Linli.name(a.title) + " " + a.start.substring(0, 16).replace("T", " ");
    form.hidden = false;
    field("activity-cancel-reason").focus();
  }

  function endCancel() {
    cancelling = null;
    field("activity-cancel").hidden = true;
    field("activity-cancel-reason").value = "";
  }

  field("activity-cancel-close").addEventListener("click", endCancel);
  field("activity-cancel").addEventListener("submit", async event => {
    event.preventDefault();
    const a = cancelling;
    if (!a) return;
    const answer = await C.submit(event.target, () => Linli.post("/api/v1/activities/" + encodeURIComponent(a.id)
      + "/cancel", { reason: text("activity-cancel-reason") }));
    if (!answer) return;
    endCancel();
    const done = field("activity-cancelled");
    done.textContent = Linli.t("cat.activity.cancel.done", { title: Linli.name(a.title) })
      + (answer.signUpsCancelled ? Linli.t("cat.activity.cancel.tell", { n: answer.signUpsCancelled }) : "");
    done.hidden = false;
    await drawActivities(C.hub());
  });

  C.onHub(async hub => {
    endCancel();
    field("activity-cancelled").hidden = true;
    for (const kind of ["room", "service", "counter", "activity"]) resetForm(kind);
    drawRooms(hub);
    drawServices(hub);
    drawCounters(hub);
    await drawActivities(hub);
  });

  async function reload() {
    const hub = await Linli.get("/api/v1/hubs/" + encodeURIComponent(C.hub().id));
    Object.assign(C.hub(), hub);
    return hub;
  }

  let activities = [];
  /** The ids a new entry of each kind may not take (those of the picked hub; the server refuses another hub's). */
  const taken = {
    room: () => C.hub().rooms.map(r => r.id),
    service: () => C.hub().services.map(s => s.id),
    counter: () => C.hub().counters.map(c => c.id),
    activity: () => activities.map(a => a.id)
  };

  function wire(kind, path, body, after) {
    const form = field(kind + "-form");
    form.addEventListener("submit", async event => {
      event.preventDefault();
      const id = text(kind + "-id");
      if (!C.idOk(form, id, field(kind + "-id").readOnly ? [] : taken[kind]())) return;
      const saved = await C.submit(form, () =>
        Linli.api("PUT", "/api/v1/" + path + "/" + encodeURIComponent(id), body()));
      if (saved) {
        resetForm(kind);
        await after(await reload());
      }
    });
  }

  wire("room", "rooms", () => {
    const body = { hub: C.hub().id, nameZh: text("room-nameZh"), nameEn: text("room-nameEn"),
      capacity: number("room-capacity") };
    for (const rule of RULES) if (number("room-" + rule) !== null) body[rule] = number("room-" + rule);
    return body;
  }, async hub => { drawRooms(hub); C.roomsChanged(hub); await drawActivities(hub); });
  wire("service", "services", () => ({ hub: C.hub().id, letter: text("service-letter").toUpperCase(),
    nameZh: text("service-nameZh"), nameEn: text("service-nameEn"), typicalMinutes: number("service-typicalMinutes") }),
    async hub => { drawServices(hub); drawCounters(hub); });
  wire("counter", "counters", () => ({ hub: C.hub().id, nameZh: text("counter-nameZh"),
    nameEn: text("counter-nameEn"), services: checked(field("counter-services")) }), async hub => drawCounters(hub));
  wire("activity", "activities", () => ({ room: text("activity-room"), titleZh: text("activity-titleZh"),
    titleEn: text("activity-titleEn"), start: C.withOffset(text("activity-start"), C.hub().timezone),
    end: C.withOffset(text("activity-end"), C.hub().timezone), capacity: number("activity-capacity") }),
    async hub => drawActivities(hub));
})();
