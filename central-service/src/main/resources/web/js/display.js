// The display set-up page (a file of its own: the Content-Security-Policy allows no inline script).
(function () {
  Linli.wireHeader();
  const el = Linli.el;
  const form = document.getElementById("display-form");

  /** A big button for a screen someone stands in front of: its name in the page's language, the other beneath. */
  function choice(key, attrs, path) {
    return el("button", Object.assign({ type: "button", class: "secondary screen-choice",
      onclick: () => { location.href = path; } }, attrs),
      Linli.t(key), el("span", { class: "other" }, Linli.tIn(Linli.otherLang(), key)));
  }

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
    const hub = encodeURIComponent(me.hub);
    if (me.scope === "screen") {
      // one key for either read-only screen: the board by the counters or the lobby's "what's on and how busy"
      document.getElementById("counters").replaceChildren(el("p", {}, Linli.t("display.whichScreen")),
        choice("display.board", { "data-screen": "board" }, "/board/" + hub),
        choice("display.lobby", { "data-screen": "lobby" }, "/lobby/" + hub));
      return;
    }
    document.getElementById("counters").replaceChildren(el("p", {}, Linli.t("display.whichCounter")),
      ...me.counters.map(c => el("button", { class: "secondary", "data-counter": c.id,
        onclick: () => { location.href = "/counter/" + encodeURIComponent(c.id); } }, Linli.name(c.name) || c.id)));
  });
})();
