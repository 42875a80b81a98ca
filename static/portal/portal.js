// Small behaviours of the portal's pages, without inline scripts.
(function () {
  "use strict";

  // A select marked data-autosubmit submits its form when changed (the language switch).
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  // A form marked data-confirm asks before it is sent.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
    });
  });

  // <span data-countdown="ISO datetime" data-units="d|h|m|s" data-closed="…"> counts down live.
  function pad(n) { return n < 10 ? "0" + n : String(n); }
  var countdowns = document.querySelectorAll("[data-countdown]");
  function tick() {
    countdowns.forEach(function (el) {
      var left = Math.floor((Date.parse(el.dataset.countdown) - Date.now()) / 1000);
      if (isNaN(left)) { return; }
      if (left <= 0) { el.textContent = el.dataset.closed; return; }
      var units = el.dataset.units.split("|");
      var days = Math.floor(left / 86400), hours = Math.floor(left % 86400 / 3600);
      var minutes = Math.floor(left % 3600 / 60), seconds = left % 60;
      el.textContent = days + " " + units[0] + " " + pad(hours) + " " + units[1] + " " +
        pad(minutes) + " " + units[2] + " " + pad(seconds) + " " + units[3];
    });
  }
  if (countdowns.length) { tick(); window.setInterval(tick, 1000); }
})();
