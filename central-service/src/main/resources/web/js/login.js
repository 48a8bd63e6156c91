// The login page (a file of its own: the Content-Security-Policy allows no inline script).
Linli.wireHeader();

/**
 * Where to go after signing in: a page of this site only (finding L1: "/\\evil.example" is another site). The whole
 * address is returned, not its path: the path of "/.//evil.example" is "//evil.example", another site again.
 */
function nextPage(next) {
  if (!next) return "/";
  try {
    const url = new URL(next, location.origin);
    return url.origin === location.origin ? url.href : "/";
  } catch (e) {
    return "/";
  }
}

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
    if (answer.status === 429) {
      error.textContent = Linli.t("login.throttled");
      return;
    }
    if (!answer.ok) throw new Error("refused");
    Linli.signIn((await answer.json()).token);
    location.href = nextPage(new URLSearchParams(location.search).get("next"));
  } catch (e) {
    error.textContent = Linli.t("login.failed");
  }
});
