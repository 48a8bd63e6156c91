// Staff sign-in: the token goes to localStorage (for API calls) and a same-site cookie (for the pages and the
// event stream), then back to the page that sent the visitor here.
(function () {
  "use strict";
  Linli.wireHeader();
  document.getElementById("login-form").addEventListener("submit", async event => {
    event.preventDefault();
    const error = document.getElementById("error");
    error.textContent = "";
    try {
      const answer = await fetch("/api/v1/auth/login", {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ username: document.getElementById("username").value,
                               password: document.getElementById("password").value })
      });
      if (!answer.ok) throw new Error("refused");
      Linli.signIn((await answer.json()).token);
      const next = new URLSearchParams(location.search).get("next");
      location.href = next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
    } catch (e) {
      error.textContent = Linli.t("login.failed");
    }
  });
})();
