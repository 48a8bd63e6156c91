// Counter console: open and close the counter, call, call again, complete, no-show (with a short undo) and
// transfer, from the mouse or F1-F4. A closed counter calls nobody: call-next waits until it is opened again.
// It shows how long the current resident waited and has been at the counter, how many wait for each of the
// counter's services, and the waiting list; it follows the live stream.
(function () {
  "use strict";
  if (!Linli.requireSignIn()) return;
  Linli.wireHeader();
  const el = Linli.el;
  const UNDO_SECONDS = 10;
  const counter = decodeURIComponent(location.pathname.split("/").filter(Boolean)[1] || "");
  const base = "/api/v1/counters/" + encodeURIComponent(counter);
  let view = null;
  let queues = [];
  let hubLoaded = false;
  let refreshing = null;
  let busy = false;
  let undo = null;

  function serviceName(id) {
    const service = ((view && view.transferTo) || []).find(s => s.id === id);
    return service ? Linli.name(service.name) : id;
  }

  function minutesBetween(from, to) {
    return Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / 60000));
  }

  function render() {
    if (!view) return;
    document.getElementById("counter-name").textContent = Linli.name(view.name) || counter;
    const current = view.current;
    document.getElementById("current").textContent = current ? current.number : Linli.t("no.ticket");
    const service = document.getElementById("current-service");
    service.replaceChildren(...(current ? [serviceName(current.service),
      current.priority ? el("span", { class: "badge" }, Linli.t("priority")) : ""] : []));
    renderTimes();
    const waiting = view.waiting || [];
    // Call-next finishes the current ticket first: the button says so. With nobody waiting it would only finish,
    // which is what Complete is for.
    document.getElementById("call-next-label").textContent = Linli.t(current ? "call.next.finish" : "call.next");
    const open = view.open !== false;
    document.getElementById("call-next").disabled = busy || !open || waiting.length === 0;
    renderOpen(open);
    for (const id of ["recall", "complete", "no-show", "transfer"]) document.getElementById(id).disabled = busy || !current;
    const list = document.getElementById("waiting");
    list.replaceChildren(...(waiting.length ? waiting.map(t =>
      el("tr", { "data-ticket": t.number },
        el("td", { class: "number" }, el("strong", {}, t.number), t.priority ? el("span", { class: "badge" }, Linli.t("priority")) : null),
        el("td", { class: "service" }, serviceName(t.service)),
        el("td", { class: "num small waited", "data-queued": t.queued || "" }, t.queued ? Linli.t("waited", { n: Linli.minutesSince(t.queued) }) : "")))
      : [el("tr", {}, el("td", { class: "empty" }, Linli.t("waiting.empty")))]));
    renderQueues();
  }

  function renderOpen(open) {
    const status = document.getElementById("open-status");
    status.textContent = Linli.t(open ? "counter.isOpen" : "counter.isClosed");
    status.dataset.open = String(open);
    const toggle = document.getElementById("open-toggle");
    toggle.textContent = Linli.t(open ? "counter.close" : "counter.open");
    toggle.className = open ? "secondary" : "primary";
    toggle.disabled = busy;
  }

  function renderTimes() {
    const current = view && view.current;
    const parts = [];
    if (current && current.queued && current.called) parts.push(Linli.t("waited", { n: minutesBetween(current.queued, current.called) }));
    if (current && current.called) parts.push(Linli.t("at.counter", { n: Linli.minutesSince(current.called) }));
    document.getElementById("current-times").textContent = parts.join(" · ");
    document.querySelectorAll("#waiting td.waited").forEach(td => {
      if (td.dataset.queued) td.textContent = Linli.t("waited", { n: Linli.minutesSince(td.dataset.queued) });
    });
  }

  function renderQueues() {
    const mine = (view.services || []).map(id => queues.find(q => q.service === id) || { service: id, waiting: 0, estimatedWaitMinutes: 0 });
    document.getElementById("queues").replaceChildren(...mine.map(q =>
      el("div", { class: "queue-line", "data-service": q.service },
        el("span", { class: "what" }, (q.letter ? q.letter + " " : "") + serviceName(q.service)),
        el("span", { class: q.waiting ? "" : "small" }, !q.waiting ? Linli.t("waiting.empty")
          : q.countersOpen === 0 ? Linli.t("waiting.noCounter", { n: q.waiting })
          : Linli.t("waiting.count", { n: q.waiting, m: q.estimatedWaitMinutes })))));
  }

  async function refresh() {
    view = await Linli.get(base);
    Linli.syncClock(view.ts);
    if (!hubLoaded && view.hub) {
      Linli.useHub(await Linli.get("/api/v1/hubs/" + encodeURIComponent(view.hub)));
      Linli.syncClock(view.ts);
      hubLoaded = true;
    }
    queues = await Linli.get("/api/v1/hubs/" + encodeURIComponent(view.hub) + "/queues").catch(() => queues);
    render();
  }

  // Many events may arrive at once (a busy hub); one refresh at a time is enough.
  function refreshSoon() {
    if (refreshing) return;
    refreshing = setTimeout(() => { refreshing = null; refresh().catch(console.error); }, 100);
  }

  function say(text, kind) {
    const box = document.getElementById("message");
    box.className = "notice" + (kind ? " " + kind : "");
    box.replaceChildren(text);
  }

  function clearUndo() {
    if (undo) { clearInterval(undo.timer); undo = null; }
  }

  /** After a no-show, ten seconds to put the ticket back (the resident was only in the toilet). */
  function offerUndo(ticket) {
    clearUndo();
    let left = UNDO_SECONDS;
    const button = el("button", { id: "undo", onclick: () => putBack(ticket) }, Linli.t("undo", { s: left }));
    const box = document.getElementById("message");
    box.className = "notice undoable";
    box.replaceChildren(el("span", {}, Linli.t("done.noshow", { number: ticket.number })), button);
    undo = { ticket, timer: setInterval(() => {
      left -= 1;
      if (left <= 0) { clearUndo(); say(Linli.t("done.noshow", { number: ticket.number })); return; }
      button.textContent = Linli.t("undo", { s: left });
    }, 1000) };
  }

  async function putBack(ticket) {
    clearUndo();
    try {
      await Linli.post("/api/v1/tickets/" + encodeURIComponent(ticket.id) + "/reactivate");
      say(Linli.t("done.undone", { number: ticket.number }));
    } catch (e) {
      say(Linli.t("error.generic", { detail: e.message }), "error");
    }
    await refresh();
  }

  async function act(path, body, done) {
    if (busy) return;
    busy = true;
    clearUndo();
    closeTransfer();
    render();
    try {
      const ticket = await Linli.post(base + "/" + path, body);
      done(ticket);
    } catch (e) {
      say(e.status === 404 && path === "call-next" ? Linli.t("nobody")
        : e.status === 409 && (e.type || "").split("/").pop() === "counter-closed" ? Linli.t("counter.closedHint")
        : Linli.t("error.generic", { detail: e.message }), "error");
    } finally {
      busy = false;
    }
    await refresh();
  }

  const actions = {
    "call-next": () => act("call-next", undefined, t => say(Linli.t("done.called", { number: t.number }))),
    "recall": () => act("recall", undefined, t => say(Linli.t("done.recalled", { number: t.number }))),
    "complete": () => act("complete", undefined, t => say(Linli.t("done.completed", { number: t.number }))),
    "no-show": () => act("no-show", undefined, t => offerUndo(t))
  };

  function closeTransfer() {
    document.getElementById("transfer-menu").classList.remove("open");
    document.getElementById("transfer").setAttribute("aria-expanded", "false");
  }

  /** One control, "transfer to…", listing the other services: the current one would be no transfer at all. */
  function openTransfer() {
    const current = view && view.current;
    if (!current) return;
    const menu = document.getElementById("transfer-menu");
    const number = current.number;
    menu.replaceChildren(el("h3", {}, Linli.t("transfer.title")),
      ...(view.transferTo || []).filter(s => s.id !== current.service).map(s =>
        el("button", { class: "secondary", role: "menuitem", "data-service": s.id, onclick: () =>
          act("transfer", { service: s.id }, t => say(Linli.t("done.transferred", { number, service: Linli.name(s.name), fresh: t.number }))) },
          s.letter + " " + Linli.name(s.name))),
      el("button", { class: "secondary", onclick: closeTransfer }, Linli.t("cancel")));
    menu.classList.add("open");
    document.getElementById("transfer").setAttribute("aria-expanded", "true");
    const first = menu.querySelector("button");
    if (first) first.focus();
  }

  /** Lunch, the day's end: a closed counter is left out of the waits and the board, and calls nobody. */
  function toggleOpen() {
    const opening = view && view.open === false;
    act(opening ? "open" : "close", undefined, () => say(Linli.t(opening ? "done.opened" : "done.closed")));
  }

  document.getElementById("open-toggle").onclick = toggleOpen;
  for (const [id, run] of Object.entries(actions)) document.getElementById(id).onclick = run;
  document.getElementById("transfer").onclick = () =>
    document.getElementById("transfer-menu").classList.contains("open") ? closeTransfer() : openTransfer();

  const keys = { F1: "call-next", F2: "recall", F3: "complete", F4: "no-show" };
  document.addEventListener("keydown", event => {
    if (event.key === "Escape") { closeTransfer(); return; }
    const id = keys[event.key];
    if (!id) return;
    event.preventDefault();
    if (!document.getElementById(id).disabled) actions[id]();
  });

  document.addEventListener("linli:language", render);
  setInterval(renderTimes, 15000);
  refresh().then(() => Linli.live(view && view.hub, { queue: refreshSoon, call: refreshSoon, counter: refreshSoon })).catch(console.error);
})();
