// The dashboard's door actions: unlock a door now (with a reason), identify a device, reload its settings. Each is a
// signed command; the device's answer is shown as it comes (the server reads it from the device's events).
(function () {
  "use strict";
  const el = Linli.el;
  const POLL_MS = 1000;
  const state = { hub: null, devices: [], rooms: new Map(), answers: new Map() };
  const card = document.getElementById("door-card");
  const form = document.getElementById("door");
  const deviceSelect = document.getElementById("door-device");
  const roomSelect = document.getElementById("door-room");

  const device = () => state.devices.find(d => d.id === deviceSelect.value);

  function renderRooms() {
    const d = device();
    roomSelect.replaceChildren(...(d ? d.rooms : []).map(r =>
      el("option", { value: r }, Linli.name((state.rooms.get(r) || {}).name) || r)));
  }

  function renderAnswer(c) {
    const when = Linli.time(c.sent);
    const what = Linli.t("door.cmd." + c.cmd) + (c.room ? " " + (Linli.name((state.rooms.get(c.room) || {}).name) || c.room) : "")
      + (c.durationS ? " " + Linli.t("door.secs", { n: c.durationS }) : "");
    return el("div", { class: "door-answer", "data-command": c.id, "data-state": c.state },
      el("div", {}, when + " · " + what + (c.reason ? " · " + c.reason : "")),
      el("div", { class: "small" }, Linli.t("door.by", { who: c.by, from: c.from || "–" })),
      el("div", {}, el("span", { class: "state" }, Linli.t("door.state." + c.state)),
        // the device's own words are its English and the command's id: worth showing only when it did not do it
        c.answered ? el("span", { class: "small" }, " " + Linli.time(c.answered)) : null,
        c.answer && c.state !== "done" ? el("div", { class: "small" }, Linli.t("door.answer", { text: c.answer })) : null));
  }

  function renderAnswers() {
    const box = document.getElementById("door-answers");
    const list = [...state.answers.values()].sort((a, b) => b.sent.localeCompare(a.sent));
    box.replaceChildren(...(list.length ? list.map(renderAnswer) : [el("p", { class: "small" }, Linli.t("door.none"))]));
  }

  async function loadAnswers() {
    state.answers.clear();
    const d = device();
    if (d) (await Linli.get("/api/v1/devices/" + encodeURIComponent(d.id) + "/commands")).forEach(c => state.answers.set(c.id, c));
    renderAnswers();
  }

  /** Asks for the command's answer until the device gave one (or the server says none came). */
  function follow(deviceId, command) {
    state.answers.set(command.id, command);
    renderAnswers();
    if (command.state !== "sent") return;
    setTimeout(async () => {
      try {
        follow(deviceId, await Linli.get("/api/v1/devices/" + encodeURIComponent(deviceId) + "/commands/" + encodeURIComponent(command.id)));
      } catch (e) {
        console.error(e);
      }
    }, POLL_MS);
  }

  async function send(cmd) {
    LinliForms.clear(form);
    const error = document.getElementById("door-error");
    error.textContent = "";
    const d = device();
    if (!d) return;
    const reason = document.getElementById("door-reason").value;
    const body = { cmd };
    if (reason) body.reason = reason;
    if (cmd === "unlock") {
      body.reason = reason;
      body.room = roomSelect.value;
      const seconds = document.getElementById("door-seconds").value;
      body.durationS = seconds === "" ? null : Number(seconds);
    }
    try {
      const sent = await Linli.post("/api/v1/devices/" + encodeURIComponent(d.id) + "/commands", body);
      if (cmd === "unlock") document.getElementById("door-reason").value = "";
      follow(d.id, sent);
    } catch (e) {
      if (!LinliForms.show(form, e, "door")) {
        const key = "door.refused." + (e.type || "").split("/").pop();
        const text = Linli.t(key);
        error.textContent = text === key ? Linli.t("desk.refused", { why: e.message }) : text;
      }
    }
  }

  async function show(hub) {
    state.hub = hub.id;
    state.rooms = new Map((hub.rooms || []).map(r => [r.id, r]));
    let all;
    try {
      all = await Linli.get("/api/v1/devices");
    } catch (e) {
      card.hidden = true; // counter staff do not command doors
      return;
    }
    state.devices = all.filter(d => d.hub === state.hub);
    card.hidden = state.devices.length === 0;
    const chosen = deviceSelect.value;
    deviceSelect.replaceChildren(...state.devices.map(d => el("option", { value: d.id }, d.id)));
    if (state.devices.some(d => d.id === chosen)) deviceSelect.value = chosen;
    renderRooms();
    await loadAnswers();
  }

  deviceSelect.addEventListener("change", () => { renderRooms(); loadAnswers(); });
  document.getElementById("door-unlock").addEventListener("click", () => send("unlock"));
  document.getElementById("door-identify").addEventListener("click", () => send("identify"));
  document.getElementById("door-reload").addEventListener("click", () => send("reload"));
  document.addEventListener("linli:hub", e => show(e.detail).catch(err => console.error(err)));
  document.addEventListener("linli:language", () => { renderRooms(); renderAnswers(); });
})();
