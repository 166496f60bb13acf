// Large text / high contrast switch: remembered in this browser, no login or cookie needed.
(function () {
  var root = document.documentElement;
  var KEY = "portal-contrast";
  root.classList.remove("no-js");
  try {
    if (window.localStorage.getItem(KEY) === "on") root.classList.add("high-contrast");
  } catch (e) { /* storage may be disabled: the switch still works for this page */ }
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector("[data-contrast-toggle]");
    if (!button) return;
    button.hidden = false;
    button.setAttribute("aria-pressed", root.classList.contains("high-contrast") ? "true" : "false");
    button.addEventListener("click", function () {
      var on = root.classList.toggle("high-contrast");
      button.setAttribute("aria-pressed", on ? "true" : "false");
      try { window.localStorage.setItem(KEY, on ? "on" : "off"); } catch (e) { /* ignore */ }
    });
  });
})();
