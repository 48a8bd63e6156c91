// A resident's queue ticket on their phone, opened from the QR code on the printed ticket: the number, the
// service, and what is happening — people ahead and the wait, or, in large type on an orange page, which counter to
// go to. No sign-in; it asks the API again every few seconds, as a phone page cannot be sent events without staff
// credentials, and says when it last heard from the server, so that a frozen page does not look like a live one.
(function () {
  "use strict";
  const REFRESH_MS = 5000;
  let id = decodeURIComponent(location.pathname.split("/").pop());
  let ticket = null;
  let hub = null;
  let heard = null;
  let wasCalled = false;
  let rating = null; // after the service: null (not yet), "sending", "thanks" or "failed"

  function counterName(counterId) {
    const counter = hub && (hub.counters || []).find(c => c.id === counterId);
    return counter ? Linli.name(counter.name) : counterId;
  }

  function serviceName(serviceId) {
    const service = hub && (hub.services || []).find(s => s.id === serviceId);
    return service ? Linli.name(service.name) : serviceId;
  }

  function render() {
    if (!ticket) return;
    document.getElementById("hub-name").replaceChildren(...Linli.placeParts(hub ? Linli.name(hub.name) : Linli.t("app.name")));
    document.getElementById("number").textContent = ticket.number;
    document.getElementById("service").textContent = serviceName(ticket.service);
    document.getElementById("taken").textContent = ticket.queued ? Linli.t("ticket.taken", { time: Linli.time(ticket.queued) }) : "";
    const state = document.getElementById("state");
    state.dataset.state = ticket.state;
    const called = ticket.state === "called";
    document.body.classList.toggle("called", called);
    if (called) {
      state.replaceChildren(Linli.t("ticket.called.lead"), Linli.el("span", { class: "where" }, counterName(ticket.counter)));
    } else {
      state.replaceChildren(...ticket.state === "waiting" && ticket.peopleAhead > 0
        ? [Linli.el("span", { class: "line" }, Linli.t("ticket.ahead", { ahead: ticket.peopleAhead })),
           Linli.el("span", { class: "line" }, Linli.t("ticket.about", { minutes: ticket.estimatedWaitMinutes }))]
        : [{
        waiting: Linli.t("ticket.next"),
        done: Linli.t("ticket.done"),
        no_show: Linli.t("ticket.no_show")
      }[ticket.state] || ticket.state]);
    }
    renderRating();
    document.getElementById("hint").textContent = Linli.t(called ? "ticket.hint.called"
      : ["waiting", "transferred"].includes(ticket.state) ? "ticket.hint" : "ticket.hint.over");
    renderHeard();
  }

  /** Once the service is done, the resident rates it here with one tap (once; the server says when it was). */
  function renderRating() {
    const box = document.getElementById("rating");
    box.hidden = ticket.state !== "done";
    if (box.hidden) return;
    document.getElementById("rating-ask").hidden = rating === "thanks";
    document.getElementById("rating-choices").replaceChildren(...(rating === "thanks" ? [] : [1, 2, 3, 4, 5].map(n =>
      Linli.el("button", { type: "button", "data-rating": String(n), disabled: rating === "sending",
        onclick: () => rate(n) }, Linli.t("ticket.rate." + n)))));
    document.getElementById("rating-said").textContent = rating === "thanks" ? Linli.t("ticket.rate.thanks")
      : rating === "failed" ? Linli.t("ticket.rate.failed") : "";
  }

  async function rate(n) {
    rating = "sending";
    renderRating();
    try {
      await Linli.post("/api/v1/tickets/" + encodeURIComponent(id) + "/rating", { rating: n });
      rating = "thanks";
    } catch (e) {
      rating = e.status === 409 ? "thanks" : "failed"; // rated already (here or at the kiosk): nothing more to do
    }
    renderRating();
  }

  function renderHeard() {
    document.getElementById("updated").textContent = heard ? Linli.t("updated", { time: Linli.time(heard.toISOString()) }) : "";
  }

  async function load() {
    try {
      ticket = await Linli.api("GET", "/api/v1/tickets/" + encodeURIComponent(id));
      if (!hub && ticket.hub) {
        hub = await Linli.api("GET", "/api/v1/hubs/" + encodeURIComponent(ticket.hub));
        Linli.useHub(hub);
      }
      // a transferred ticket lives on as a new ticket of the other service: follow it, number and all
      if (ticket.state === "transferred" && ticket.transferredTo) {
        id = ticket.transferredTo;
        history.replaceState(null, "", "/ticket/" + encodeURIComponent(id));
        return load();
      }
      heard = Linli.now();
      document.body.classList.remove("disconnected");
      render();
      if (ticket.state === "called" && !wasCalled && navigator.vibrate) navigator.vibrate([400, 150, 400]);
      wasCalled = ticket.state === "called";
    } catch (e) {
      if (e.status === 404 && !ticket) {
        document.getElementById("state").textContent = Linli.t("ticket.unknown");
        document.getElementById("hint").textContent = "";
        document.body.classList.remove("disconnected");
        return;
      }
      document.body.classList.add("disconnected");
    }
    if (!ticket || ["waiting", "called"].includes(ticket.state)) setTimeout(load, REFRESH_MS);
  }

  Linli.lang = Linli.residentLanguage();
  document.getElementById("lang").addEventListener("click", () => Linli.setLanguage(Linli.lang === "zh" ? "en" : "zh"));
  document.addEventListener("linli:language", render);
  Linli.translatePage();
  load();
})();
