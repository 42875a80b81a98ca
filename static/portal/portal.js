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

  // Characters as Word and WPS count them without spaces, exactly as the server's char_count
  // (submissions/validators.py): white space as Python's str.isspace() sees it is free, and a
  // character is a code point (Array.from), so 𠮷 counts once, not as its two UTF-16 units.
  var WHITE_SPACE = /[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/g;
  function charCount(text) { return Array.from(text.replace(WHITE_SPACE, "")).length; }
  var charsLabel = document.body.dataset.charsLabel || "";
  document.querySelectorAll("[data-max-chars]").forEach(function (field) {
    var limit = parseInt(field.dataset.maxChars, 10);
    var counter = document.createElement("div");
    counter.className = "form-text char-counter";
    counter.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    function update() {
      var n = charCount(field.value);
      counter.textContent = n + " / " + limit + " " + charsLabel;
      counter.classList.toggle("over", n > limit);
    }
    field.addEventListener("input", update);
    update();
  });

  // The trusted team's six profile parts share one limit.
  var profileTotal = document.querySelector("[data-profile-total]");
  if (profileTotal) {
    var parts = document.querySelectorAll("[data-profile-part]");
    var limit = parseInt(profileTotal.dataset.profileTotal, 10);
    var out = profileTotal.querySelector("[data-profile-count]");
    var sum = function () {
      var n = 0;
      parts.forEach(function (p) { n += charCount(p.value); });
      out.textContent = n + " / " + limit;
      out.classList.toggle("text-danger", n > limit);
    };
    parts.forEach(function (p) { p.addEventListener("input", sum); });
    sum();
  }

  // <output data-rate="id_part/id_whole"> shows part / whole × 100 as the user types.
  document.querySelectorAll("output[data-rate]").forEach(function (out) {
    var ids = out.dataset.rate.split("/");
    var part = document.getElementById(ids[0]), whole = document.getElementById(ids[1]);
    if (!part || !whole) { return; }
    function update() {
      var p = parseFloat(part.value), w = parseFloat(whole.value);
      out.textContent = (w > 0 && !isNaN(p)) ? (Math.round(p * 10000 / w) / 100).toFixed(2) : "—";
    }
    part.addEventListener("input", update);
    whole.addEventListener("input", update);
    update();
  });

  // Formsets: "add a row" clones the empty form, numbering it as Django expects.
  document.querySelectorAll("[data-formset]").forEach(function (set) {
    var prefix = set.dataset.formset;
    var total = set.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var body = set.querySelector("[data-formset-body]");
    var template = set.querySelector("template[data-formset-template]");
    set.querySelector("[data-formset-add]").addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      body.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var first = body.lastElementChild.querySelector("input, select");
      if (first) { first.focus(); }
    });
  });

  // An export's page asks for its progress until the ZIP is ready.
  document.querySelectorAll("[data-export-progress]").forEach(function (box) {
    var bar = box.querySelector("[data-export-bar]");
    var label = box.querySelector("[data-export-label]");
    var link = box.querySelector("[data-export-download]");
    function poll() {
      fetch(box.dataset.exportProgress, { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (state) {
          bar.style.width = state.progress + "%";
          bar.textContent = state.progress + "%";
          box.querySelector("[role=progressbar]").setAttribute("aria-valuenow", state.progress);
          label.textContent = state.status_label;
          if (state.download) {
            link.classList.remove("d-none");
            bar.classList.remove("progress-bar-animated");
          } else if (state.status !== "failed") {
            window.setTimeout(poll, 1500);
          }
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    }
    if (!link.classList.contains("d-none")) { return; }
    poll();
  });

  // Presentation day: the console and the projector poll their state and count the time down.
  document.querySelectorAll("[data-live-state]").forEach(function (root) {
    var timer = root.querySelector("[data-timer]");
    var state = null;
    function field(path) {
      return path.split(".").reduce(function (value, key) { return value ? value[key] : null; }, state);
    }
    function render() {
      root.querySelectorAll("[data-field]").forEach(function (el) {
        var value = field(el.dataset.field);
        el.textContent = value === null || value === undefined ? "" : String(value);
      });
      root.querySelectorAll("[data-list]").forEach(function (list) {
        var names = state[list.dataset.list] || [];
        list.textContent = "";
        names.forEach(function (name) {
          var item = document.createElement("li");
          item.textContent = name;
          list.appendChild(item);
        });
      });
    }
    function tick() {
      if (!timer || !state) { return; }
      if (!state.started || !state.seconds) { timer.textContent = "--:--"; timer.classList.remove("warning", "over"); return; }
      var left = Math.round(state.seconds - (Date.now() - Date.parse(state.started)) / 1000);
      var shown = Math.abs(left);
      timer.textContent = (left < 0 ? "+" : "") + Math.floor(shown / 60) + ":" + pad(shown % 60);
      timer.classList.toggle("warning", left >= 0 && left < 60);
      timer.classList.toggle("over", left < 0);
    }
    function poll() {
      fetch(root.dataset.liveState, { credentials: "same-origin" })
        .then(function (response) {
          if (response.status === 404 || response.status === 403) {
            // A revoked link (or a lost session): show nothing any more.
            state = { stage_label: root.dataset.revoked || "", current: null, next: null, submitted: [], scoring: [] };
            render();
            tick();
            return null;
          }
          return response.json().then(function (data) { state = data; render(); tick(); });
        })
        .catch(function () {})
        .then(function () { window.setTimeout(poll, 2000); });
    }
    poll();
    window.setInterval(tick, 250);
  });
})();
