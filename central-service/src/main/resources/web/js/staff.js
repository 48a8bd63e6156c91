// Staff administration: the accounts an administrator manages, new ones, roles and hubs, disabling, new passwords.
(function () {
  "use strict";
  if (!Linli.requireSignIn()) return;
  Linli.wireHeader();
  const ROLES = ["admin", "operator", "counter"];
  let hubs = [];
  let me = null;

  function hubOptions(select, selected, allowNone) {
    const options = hubs.map(h => Linli.el("option", { value: h.id, selected: h.id === selected }, Linli.name(h.name) || h.id));
    if (allowNone) options.unshift(Linli.el("option", { value: "", selected: !selected }, Linli.t("staff.allHubs")));
    select.replaceChildren(...options);
  }

  function roleOptions(select, selected) {
    select.replaceChildren(...ROLES.map(r => Linli.el("option", { value: r, selected: r === selected }, Linli.t("role." + r))));
  }

  function hubName(id) {
    if (!id) return Linli.t("staff.allHubs");
    const hub = hubs.find(h => h.id === id);
    return hub ? Linli.name(hub.name) : id;
  }

  function showPassword(answer) {
    document.getElementById("shown-user").textContent = answer.username;
    document.getElementById("shown-password").textContent = answer.password;
    document.getElementById("shown-once").hidden = false;
    window.scrollTo(0, 0);
  }

  async function act(path, body) {
    try {
      return await Linli.post(path, body);
    } catch (e) {
      alert(Linli.t("staff.refused") + " " + e.message);
      return null;
    }
  }

  function row(m) {
    const role = Linli.el("select", { "data-role": m.username });
    roleOptions(role, m.role);
    const hub = Linli.el("select", { "data-hub": m.username });
    hubOptions(hub, m.hub, me.hub == null);
    const own = m.username === me.username;
    role.disabled = hub.disabled = own;
    const save = Linli.el("button", { class: "secondary", "data-save": m.username, disabled: own, onclick: async () => {
      try {
        await Linli.api("PUT", "/api/v1/staff/" + encodeURIComponent(m.username), { role: role.value, hub: hub.value || null });
        await load();
      } catch (e) { alert(Linli.t("staff.refused") + " " + e.message); }
    } }, Linli.t("staff.save"));
    const toggle = Linli.el("button", { class: m.disabled ? "secondary" : "danger", "data-toggle": m.username, disabled: own,
      onclick: async () => {
        if (await act("/api/v1/staff/" + encodeURIComponent(m.username) + (m.disabled ? "/enable" : "/disable"))) await load();
      } }, Linli.t(m.disabled ? "staff.enable" : "staff.disable"));
    const reset = Linli.el("button", { class: "secondary", "data-reset": m.username, onclick: async () => {
      if (!confirm(Linli.t("staff.reset.confirm", { user: m.username }))) return;
      const answer = await act("/api/v1/staff/" + encodeURIComponent(m.username) + "/password-reset");
      if (answer) showPassword(answer);
    } }, Linli.t("staff.reset"));
    return Linli.el("tr", { "data-user": m.username, class: m.disabled ? "disabled" : "" },
      Linli.el("td", {}, m.username), Linli.el("td", {}, role), Linli.el("td", {}, hub),
      Linli.el("td", {}, Linli.t(m.disabled ? "staff.disabled" : "staff.active")),
      Linli.el("td", { class: "actions" }, save, toggle, reset));
  }

  async function load() {
    const staff = await Linli.get("/api/v1/staff");
    document.getElementById("staff").replaceChildren(...staff.map(row));
  }

  const create = document.getElementById("create");
  create.addEventListener("submit", async event => {
    event.preventDefault();
    LinliForms.clear(create);
    document.getElementById("create-error").textContent = "";
    const body = { username: document.getElementById("new-username").value.trim(),
      role: document.getElementById("new-role").value, hub: document.getElementById("new-hub").value || null };
    try {
      const answer = await Linli.post("/api/v1/staff", body);
      showPassword(answer);
      create.reset();
      await load();
    } catch (e) {
      if (e.status === 409) {
        create.querySelector('.field-error[data-for="username"]').textContent = Linli.t("staff.err.taken");
      } else if (!LinliForms.show(create, e, "staff")) {
        document.getElementById("create-error").textContent = e.status === 403 ? Linli.t("staff.err.notYours") : e.message;
      }
    }
  });

  const own = document.getElementById("own");
  own.addEventListener("submit", async event => {
    event.preventDefault();
    LinliForms.clear(own);
    document.getElementById("own-done").hidden = true;
    try {
      await Linli.post("/api/v1/auth/password", { current: document.getElementById("own-current").value,
        password: document.getElementById("own-password").value });
      own.reset();
      document.getElementById("own-done").hidden = false;
    } catch (e) {
      LinliForms.show(own, e, "staff");
    }
  });

  const displayForm = document.getElementById("display-issue");
  const displayHub = document.getElementById("display-hub");

  async function loadDisplays() {
    if (!displayHub.value) return;
    const keys = await Linli.get("/api/v1/hubs/" + encodeURIComponent(displayHub.value) + "/display-keys");
    document.getElementById("displays").replaceChildren(...keys.map(k => Linli.el("tr", { "data-display": k.id },
      Linli.el("td", {}, k.label), Linli.el("td", {}, Linli.t("displays.scope." + k.scope)),
      Linli.el("td", {}, Linli.el("button", { class: "danger", "data-revoke": k.id, onclick: async () => {
        try {
          await Linli.api("DELETE", "/api/v1/hubs/" + encodeURIComponent(k.hub) + "/display-keys/" + encodeURIComponent(k.id));
          await loadDisplays();
        } catch (e) { alert(Linli.t("staff.refused") + " " + e.message); }
      } }, Linli.t("displays.revoke"))))));
  }

  displayHub.addEventListener("change", () => loadDisplays().catch(console.error));
  displayForm.addEventListener("submit", async event => {
    event.preventDefault();
    LinliForms.clear(displayForm);
    try {
      const issued = await Linli.post("/api/v1/hubs/" + encodeURIComponent(displayHub.value) + "/display-keys",
        { label: document.getElementById("display-label").value.trim(), scope: document.getElementById("display-scope").value });
      document.getElementById("display-key-shown").textContent = issued.key;
      document.getElementById("display-shown").hidden = false;
      displayForm.reset();
      displayHub.value = issued.hub;
      await loadDisplays();
    } catch (e) {
      LinliForms.show(displayForm, e, "displays");
    }
  });

  async function start() {
    me = await Linli.get("/api/v1/staff/me");
    // operators and counter staff come here for their own password only: the accounts are an administrator's
    document.body.classList.toggle("not-admin", me.role !== "admin");
    if (me.role !== "admin") return;
    hubs = await Linli.get("/api/v1/hubs");
    roleOptions(document.getElementById("new-role"), "operator");
    hubOptions(document.getElementById("new-hub"), me.hub || (hubs[0] && hubs[0].id), me.hub == null);
    await load();
    displayHub.replaceChildren(...hubs
      .map(h => Linli.el("option", { value: h.id, selected: h.id === me.hub }, Linli.name(h.name) || h.id)));
    await loadDisplays().catch(console.error);
  }
  document.addEventListener("linli:language", () => { if (me) { start().catch(console.error); } });
  start().catch(console.error);
})();
