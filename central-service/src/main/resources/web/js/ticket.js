// A resident's queue ticket on their phone, opened from the QR code on the printed ticket: the number, the
// service, and what is happening — people ahead and the wait, or which counter to go to. No sign-in; it asks the
// API again every few seconds, as a phone page cannot be sent events without staff credentials.
(function () {
  "use strict";
  const REFRESH_MS = 5000;
  const id = decodeURIComponent(location.pathname.split("/").pop());
  let ticket = null;
  let hub = null;

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
    document.getElementById("hub-name").textContent = hub ? Linli.name(hub.name) : Linli.t("app.name");
    document.getElementById("number").textContent = ticket.number;
    document.getElementById("service").textContent = serviceName(ticket.service);
    const state = document.getElementById("state");
    state.dataset.state = ticket.state;
    state.textContent = {
      waiting: Linli.t(ticket.peopleAhead === 0 ? "ticket.next" : ticket.peopleAhead === 1 ? "ticket.waiting.one"
        : "ticket.waiting", { ahead: ticket.peopleAhead, minutes: ticket.estimatedWaitMinutes }),
      called: Linli.t("ticket.called", { counter: counterName(ticket.counter) }),
      done: Linli.t("ticket.done"),
      no_show: Linli.t("ticket.no_show"),
      transferred: Linli.t("ticket.transferred", { service: serviceName(ticket.transferredTo) })
    }[ticket.state] || ticket.state;
  }

  async function load() {
    try {
      ticket = await Linli.api("GET", "/api/v1/tickets/" + encodeURIComponent(id));
      if (!hub && ticket.hub) hub = await Linli.api("GET", "/api/v1/hubs/" + encodeURIComponent(ticket.hub));
      document.body.classList.remove("disconnected");
      render();
    } catch (e) {
      if (e.status === 404 && !ticket) {
        document.getElementById("state").textContent = Linli.t("ticket.unknown");
        document.body.classList.remove("disconnected");
        return;
      }
      document.body.classList.add("disconnected");
    }
    if (!ticket || ["waiting", "called"].includes(ticket.state)) setTimeout(load, REFRESH_MS);
  }

  document.getElementById("lang").addEventListener("click", () => Linli.setLanguage(Linli.lang === "zh" ? "en" : "zh"));
  document.addEventListener("linli:language", render);
  Linli.translatePage();
  load();
})();
