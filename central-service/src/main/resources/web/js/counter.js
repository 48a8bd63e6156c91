// Counter console: call, recall, complete, no-show and transfer; the waiting list follows the live stream.
(function () {
  "use strict";
  if (!Linli.requireSignIn()) return;
  Linli.wireHeader();
  const el = Linli.el;
  const counter = decodeURIComponent(location.pathname.split("/").filter(Boolean)[1] || "");
  const base = "/api/v1/counters/" + encodeURIComponent(counter);
  let view = null;
  let refreshing = null;

  function render() {
    if (!view) return;
    document.getElementById("counter-name").textContent = Linli.name(view.name) || counter;
    const current = view.current;
    document.getElementById("current").textContent = current ? current.number : Linli.t("no.ticket");
    document.getElementById("current-service").textContent = current ? serviceName(current.service) : "";
    for (const id of ["recall", "complete", "no-show", "transfer"]) document.getElementById(id).disabled = !current;
    document.getElementById("waiting").replaceChildren(...(view.waiting || []).map(t =>
      el("tr", { "data-ticket": t.number }, el("td", {}, t.number), el("td", { class: "service" }, serviceName(t.service)),
        el("td", { class: "small" }, t.peopleAhead !== null && t.peopleAhead !== undefined ? "#" + (t.peopleAhead + 1) : ""))));
    const select = document.getElementById("transfer-service");
    if (!select.options.length && view.transferTo) {
      select.replaceChildren(...view.transferTo.map(s => el("option", { value: s.id }, s.letter + " · " + Linli.name(s.name))));
    }
  }

  // a ticket names its service by id; the clerk reads the name (transferTo lists every service of the hub)
  function serviceName(id) {
    const service = (view.transferTo || []).find(s => s.id === id);
    return service ? Linli.name(service.name) : id;
  }

  async function refresh() {
    view = await Linli.get(base);
    render();
  }

  // Many events may arrive at once (a busy hub); one refresh at a time is enough.
  function refreshSoon() {
    if (refreshing) return;
    refreshing = setTimeout(() => { refreshing = null; refresh().catch(console.error); }, 100);
  }

  async function act(path, body) {
    const message = document.getElementById("message");
    message.textContent = "";
    try {
      await Linli.post(base + "/" + path, body);
    } catch (e) {
      message.textContent = e.message;
    }
    await refresh();
  }

  document.getElementById("call-next").onclick = () => act("call-next");
  document.getElementById("recall").onclick = () => act("recall");
  document.getElementById("complete").onclick = () => act("complete");
  document.getElementById("no-show").onclick = () => act("no-show");
  document.getElementById("transfer").onclick = () => act("transfer", { service: document.getElementById("transfer-service").value });
  document.addEventListener("linli:language", render);

  refresh().then(() => Linli.live(view && view.hub, { queue: refreshSoon, call: refreshSoon })).catch(console.error);
})();
