(function () {
  /* The colour scheme: the reader's choice, kept in this browser, else their system's (and
     following it while the page is open). Runs before the page is painted, so the page never
     flashes in the other scheme. */
  var root = document.documentElement, key = "nabd-scheme";
  var system = window.matchMedia("(prefers-color-scheme: dark)");
  function chosen() {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }
  function apply() {
    var scheme = chosen();
    if (scheme !== "dark" && scheme !== "light") scheme = system.matches ? "dark" : "light";
    root.setAttribute("data-nabd-scheme", scheme);
    return scheme;
  }
  apply();
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector("[data-nabd-scheme-switch]");
    if (!button) return;
    function show(scheme) { button.setAttribute("aria-pressed", String(scheme === "dark")); }
    button.hidden = false;
    show(apply());
    system.addEventListener("change", function () { show(apply()); });
    button.addEventListener("click", function () {
      var next = root.getAttribute("data-nabd-scheme") === "dark" ? "light" : "dark";
      try { localStorage.setItem(key, next); } catch (e) {}
      root.setAttribute("data-nabd-scheme", next);
      show(next);
    });
  });
})();
