// Shared by the administration pages: a refused request's wrong fields are shown next to those fields, in the
// page's language (the server's own words, in English, only when no translation exists).
(function () {
  "use strict";
  window.LinliForms = {
    clear(form) {
      form.querySelectorAll(".field-error").forEach(el => { el.textContent = ""; });
      form.querySelectorAll("[aria-invalid]").forEach(el => el.removeAttribute("aria-invalid"));
    },

    /** Shows the problem's field errors; answers whether any field was named. */
    show(form, error, prefix) {
      const problem = error.problem || {};
      const fields = problem.errors || [];
      for (const f of fields) {
        const slot = form.querySelector('.field-error[data-for="' + f.field + '"]');
        if (!slot) continue;
        // a field named as another form's (a hub's capacity, a room's) may say its own words
        const key = slot.dataset.err || prefix + ".err." + f.field;
        const text = Linli.t(key);
        slot.textContent = text === key ? f.message : text;
        const input = form.querySelector('[name="' + f.field + '"]') || slot.previousElementSibling;
        if (input) input.setAttribute("aria-invalid", "true");
      }
      return fields.length > 0;
    }
  };
})();
