// The wait target of each of a hub's numbered services (the report's "waits over target" counts against it): read
// and set on the report page by the staff who see the hub's reports. A refused value is said next to its field.
(function () {
  "use strict";
  const el = Linli.el;

  /** Fills the form with the hub's services; {@code saved} runs after a change was stored (the figures redo). */
  async function show(form, hubId, saved) {
    const base = "/api/v1/reports/" + encodeURIComponent(hubId) + "/targets";
    let targets;
    try {
      targets = await Linli.get(base + "?lang=" + Linli.lang);
    } catch (e) {
      form.replaceChildren(el("p", { class: "error" }, e.status === 403 ? Linli.t("err.forbidden") : e.message));
      return;
    }
    if (targets.length === 0) {
      form.replaceChildren(el("p", { class: "small" }, Linli.t("targets.none")));
      return;
    }
    const note = el("span", { class: "small", id: "targets-saved", role: "status" });
    form.replaceChildren(...targets.map(t => el("div", { class: "target", "data-service": t.service },
      el("label", {}, el("span", { class: "name" }, t.name),
        el("input", { type: "number", name: t.service, min: 1, max: 240, step: 1, value: t.minutes,
          "data-was": String(t.minutes), inputMode: "numeric" }),
        " " + Linli.t("targets.minutes")),
      el("span", { class: "field-error", "data-for": t.service }))),
    el("div", {}, el("button", { type: "submit" }, Linli.t("targets.save")), " ", note));
    form.onsubmit = async e => {
      e.preventDefault();
      note.className = "small";
      note.textContent = "";
      let changed = 0;
      let refused = 0;
      for (const input of form.querySelectorAll("input[type=number]")) {
        const slot = form.querySelector('.field-error[data-for="' + input.name + '"]');
        slot.textContent = "";
        input.removeAttribute("aria-invalid");
        if (input.value === input.dataset.was) continue;
        const text = input.value.trim();
        try {
          await Linli.api("PUT", base + "/" + encodeURIComponent(input.name),
            { minutes: text === "" ? null : Number(text) });
          input.dataset.was = input.value;
          changed++;
        } catch (err) {
          refused++;
          input.setAttribute("aria-invalid", "true");
          const fields = ((err.problem && err.problem.errors) || []).map(f => f.field);
          slot.textContent = fields.includes("minutes") ? Linli.t("targets.err") : err.message;
        }
      }
      if (refused === 0) note.textContent = Linli.t("targets.saved");
      if (changed > 0) saved();
    };
  }

  window.LinliReportTargets = { show };
})();
