// The display set-up page (a file of its own: the Content-Security-Policy allows no inline script).
(function () {
  Linli.wireHeader();
  const form = document.getElementById("display-form");
  form.addEventListener("submit", async event => {
    event.preventDefault();
    const key = document.getElementById("display-key").value.trim();
    const error = document.getElementById("key-error");
    error.textContent = "";
    // not Linli.get: a wrong key must be said here, not lead to the staff login
    const response = await fetch("/api/v1/display-keys/me", { headers: { "Authorization": "Bearer " + key } });
    if (!response.ok) {
      error.textContent = Linli.t("display.wrong");
      return;
    }
    const me = await response.json();
    Linli.signIn(key);
    if (me.scope === "screen") {
      location.href = "/board/" + encodeURIComponent(me.hub);
      return;
    }
    document.getElementById("counters").replaceChildren(Linli.el("p", {}, Linli.t("display.whichCounter")),
      ...me.counters.map(c => Linli.el("button", { class: "secondary", "data-counter": c.id,
        onclick: () => { location.href = "/counter/" + encodeURIComponent(c.id); } }, Linli.name(c.name) || c.id)));
  });
})();
