// The picked hub's devices (register with their rooms, a broker password shown once, deregister) and kiosk keys
// (issue, shown once; revoke).
(function () {
  "use strict";
  if (!window.LinliCatalogue) return;
  const C = window.LinliCatalogue;

  let deviceIds = [];   // every device the admin sees: registering one of them again would move it silently
  function field(id) { return document.getElementById(id); }
  function hubPath() { return "/api/v1/hubs/" + encodeURIComponent(C.hub().id); }

  async function refused(action) {
    try {
      await action();
      return true;
    } catch (e) {
      alert(Linli.t("staff.refused") + " " + C.refusal(e));
      return false;
    }
  }

  async function drawDevices(hub) {
    const all = await Linli.get("/api/v1/devices");
    deviceIds = all.map(d => d.id);
    const devices = all.filter(d => d.hub === hub.id);
    const roomName = id => { const r = hub.rooms.find(room => room.id === id); return r ? Linli.name(r.name) : id; };
    field("devices").replaceChildren(...devices.map(d => Linli.el("tr", { "data-device": d.id },
      Linli.el("td", {}, d.id), Linli.el("td", {}, d.rooms.map(roomName).join("、")),
      Linli.el("td", {}, Linli.el("button", { type: "button", "data-credential": d.id, onclick: async () => {
        if (!confirm(Linli.t("cat.credential.confirm", { id: d.id }))) return;
        await refused(() => showCredential(d.id));
      } }, Linli.t("cat.credential.new"))),
      Linli.el("td", {}, Linli.el("button", { class: "danger", type: "button", "data-deregister": d.id, onclick: async () => {
        if (!confirm(Linli.t("cat.deregister.confirm", { id: d.id }))) return;
        if (await refused(() => Linli.api("DELETE", "/api/v1/devices/" + encodeURIComponent(d.id)))) await drawDevices(C.hub());
      } }, Linli.t("cat.deregister"))))));
    drawRoomChoices(hub);
  }

  function drawRoomChoices(hub) {
    field("device-rooms").replaceChildren(...hub.rooms.map(r => Linli.el("label", { class: "inline" },
      Linli.el("input", { type: "checkbox", name: "rooms", value: r.id }), " ", Linli.name(r.name))));
  }
  C.onRooms(drawRoomChoices);

  async function drawKiosks(hub) {
    const keys = await Linli.get("/api/v1/hubs/" + encodeURIComponent(hub.id) + "/kiosk-keys");
    field("kiosks").replaceChildren(...keys.map(k => Linli.el("tr", { "data-kiosk": k.id },
      Linli.el("td", {}, k.label),
      Linli.el("td", { class: "small" }, k.lastUsed ? Linli.t("cat.lastUsed", { at: k.lastUsed.substring(0, 16).replace("T", " ") })
        : Linli.t("cat.neverUsed")),
      Linli.el("td", {}, Linli.el("button", { class: "danger", type: "button", "data-revoke": k.id, onclick: async () => {
        if (!confirm(Linli.t("cat.revoke.confirm", { label: k.label }))) return;
        if (await refused(() => Linli.api("DELETE", hubPath() + "/kiosk-keys/" + encodeURIComponent(k.id)))) await drawKiosks(C.hub());
      } }, Linli.t("displays.revoke"))))));
  }

  /**
   * A new broker password for the device, made by the central and shown this once with the line the broker host
   * needs (a hash: the password never goes there) and the step on the device.
   */
  async function showCredential(id) {
    const made = await Linli.post("/api/v1/devices/" + encodeURIComponent(id) + "/broker-credential", {});
    C.showOnce(Linli.t("cat.credential.password", { id: made.device }), made.password, Linli.t("cat.credential.once"), [
      [Linli.t("cat.credential.broker"), made.brokerCommand],
      [Linli.t("cat.credential.device"), "sudo ./provision-device door --device " + made.device + " --hub " + made.hub
        + " --mqtt-password-file " + made.device + ".pass …"]]);
  }

  C.onHub(async hub => {
    field("device-form").reset();
    field("kiosk-form").reset();
    await drawDevices(hub);
    await drawKiosks(hub);
  });

  const deviceForm = field("device-form");
  deviceForm.addEventListener("submit", async event => {
    event.preventDefault();
    const rooms = [...field("device-rooms").querySelectorAll("input:checked")].map(i => i.value);
    const id = field("device-id").value.trim();
    if (!C.idOk(deviceForm, id, deviceIds, "cat.err.deviceTaken")) return;
    const device = await C.submit(deviceForm, () => Linli.post("/api/v1/devices", { id, hub: C.hub().id, rooms }));
    if (device) {
      deviceForm.reset();
      await refused(() => showCredential(device.id));
      await drawDevices(C.hub());
    }
  });

  const kioskForm = field("kiosk-form");
  kioskForm.addEventListener("submit", async event => {
    event.preventDefault();
    const issued = await C.submit(kioskForm, () => Linli.post(hubPath() + "/kiosk-keys",
      { label: field("kiosk-label").value.trim() }));
    if (issued) {
      C.showOnce(Linli.t("cat.kiosk.issued", { label: issued.label }), issued.key, Linli.t("cat.kiosk.once"));
      kioskForm.reset();
      await drawKiosks(C.hub());
    }
  });
})();
