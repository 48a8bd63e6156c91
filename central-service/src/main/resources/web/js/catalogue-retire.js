// Retiring the picked hub's rooms, services and counters (POST …/retire, …/unretire): a button on each row, asked
// once more before it goes; the server's refusal (still booked, residents still waiting, counter open) in words beside
// the row; and the retired ones listed apart, each with a button to bring it back. Never deleted: past bookings,
// tickets and reports keep them.
(function () {
  "use strict";
  if (!window.LinliCatalogue) return;
  const C = window.LinliCatalogue;
  const PATHS = { room: "rooms", service: "services", counter: "counters" };

  function field(id) { return document.getElementById(id); }

  /** Why the server would not retire it, with its numbers, in the page's language. */
  function reason(e) {
    const p = e.problem || {};
    const type = (p.type || "").substring((p.type || "").lastIndexOf("/") + 1);
    if (type === "room-in-use") {
      // only what there is: "1 个预约", not "1 个预约、0 个活动"
      const what = [["bookings", p.bookings], ["activities", p.activities]].filter(([, n]) => n > 0)
        .map(([kind, n]) => Linli.t("cat.retire." + kind, { n })).join(Linli.t("cat.retire.and"));
      return Linli.t("cat.retire.room-in-use", { what, until: String(p.until || "").substring(0, 16).replace("T", " ") });
    }
    if (type === "service-in-use") return Linli.t("cat.retire.service-in-use", { n: p.tickets });
    if (type === "counter-in-use") return Linli.t("cat.retire.counter-in-use");
    return C.refusal(e);
  }

  async function send(kind, id, action, note) {
    note.textContent = "";
    try {
      await Linli.post("/api/v1/" + PATHS[kind] + "/" + encodeURIComponent(id) + "/" + action);
    } catch (e) {
      note.textContent = reason(e);
      return;
    }
    await C.refresh();
  }

  /** The row's retire button and, beside it, where a refusal is said. */
  C.retireCell = (kind, item) => {
    const note = Linli.el("span", { class: "field-error", "data-retire-note": kind + ":" + item.id });
    const button = Linli.el("button", { class: "danger", type: "button", "data-retire": kind + ":" + item.id,
      onclick: () => {
        if (!confirm(Linli.t("cat.retire.confirm", { name: Linli.name(item.name) || item.id }))) return;
        send(kind, item.id, "retire", note).catch(console.error);
      } }, Linli.t("cat.retire"));
    return [" ", button, " ", note];
  };

  C.onHub(hub => {
    const retired = hub.retired || { rooms: [], services: [], counters: [] };
    const rows = [];
    for (const [kind, list] of [["room", retired.rooms], ["service", retired.services], ["counter", retired.counters]]) {
      for (const item of list) {
        const note = Linli.el("span", { class: "field-error" });
        rows.push(Linli.el("tr", { "data-retired": kind + ":" + item.id },
          Linli.el("td", { class: "small" }, Linli.t("cat.kind." + kind)),
          Linli.el("td", {}, (item.letter ? item.letter + " " : "") + (Linli.name(item.name) || item.id)),
          Linli.el("td", {}, Linli.el("button", { class: "secondary", type: "button",
            "data-unretire": kind + ":" + item.id, onclick: () => send(kind, item.id, "unretire", note)
              .catch(console.error) }, Linli.t("cat.unretire")), " ", note)));
      }
    }
    field("retired").replaceChildren(...rows);
    field("retired-none").hidden = rows.length > 0;
  });
})();
