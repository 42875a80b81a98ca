// Judging's pages: the judge's score sheet and the judge's list on presentation day.
// Included from the judging templates only; no inline scripts.
(function () {
  "use strict";

  // A judge's sheet: totals as they type (a score outside 0..max of its criterion is marked and
  // left out), Enter moves to the next field and never submits, a draft saved on every change,
  // and a copy kept on the device until the server has it, so neither a reload nor a dropped
  // connection loses a score.
  document.querySelectorAll("form[data-score-sheet]").forEach(function (form) {
    var key = "qc-autosave:" + form.dataset.draftKey;
    var status = form.querySelector("[data-autosave-status]");
    var totalOut = form.querySelector("[data-total]");
    var points = Array.prototype.slice.call(form.querySelectorAll("[data-points]"));
    var comment = form.querySelector("textarea[name=comment]");
    var fields = form.querySelectorAll("[data-points], textarea");
    var timer = null;

    // The range is the criterion's: 0 to its maximum, as the page gives it in data-max.
    function outOfRange(input) {
      if (input.validity && input.validity.badInput) { return true; }
      if (input.value === "") { return false; }
      var value = Number(input.value);
      return isNaN(value) || value < 0 || value > Number(input.dataset.max);
    }
    function mark(input) {
      var bad = outOfRange(input);
      var message = document.getElementById(input.id + "-error");
      input.classList.toggle("is-invalid", bad);
      if (bad) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
      if (message) { message.hidden = !bad; message.classList.toggle("d-block", bad); }
      return bad;
    }
    function total() {
      var sum = 0;
      points.forEach(function (input) {
        if (mark(input)) { return; }
        var value = parseFloat(input.value);
        if (!isNaN(value)) { sum += value; }
      });
      totalOut.textContent = String(Math.round(sum * 10) / 10);
    }

    // Enter goes to the next criterion, from the last one to the comment; it never submits.
    points.forEach(function (input, index) {
      input.addEventListener("keydown", function (event) {
        if (event.key !== "Enter" || event.isComposing) { return; }
        event.preventDefault();
        var next = points[index + 1] || comment;
        if (next && !next.disabled) { next.focus(); if (next.select) { next.select(); } }
      });
    });

    function snapshot() {
      var data = {};
      fields.forEach(function (field) { data[field.name] = field.value; });
      return data;
    }
    function say(text, offline) {
      if (!status) { return; }
      status.textContent = text;
      status.classList.toggle("text-danger", Boolean(offline));
      status.dataset.state = offline ? "offline" : "";
    }
    function save() {
      window.localStorage.setItem(key, JSON.stringify(snapshot()));
      say(status.dataset.saving);
      // A score out of range stays on the device, marked; the others are saved.
      var body = new FormData(form);
      points.forEach(function (input) { if (outOfRange(input)) { body.delete(input.name); } });
      fetch(form.dataset.scoreSheet, { method: "POST", body: body, credentials: "same-origin" })
        .then(
          function (response) {
            return response.json().then(
              function (result) { return { ok: response.ok, body: result }; },
              function () { return { ok: false, body: { errors: [status.dataset.failed] } }; }
            );
          },
          function () { return null; }  // the server cannot be reached: offline
        )
        .then(function (result) {
          if (result === null) {
            say(status.dataset.offline, true);
            window.clearTimeout(timer);
            timer = window.setTimeout(save, 5000);
          } else if (result.ok) {
            window.localStorage.removeItem(key);
            say(status.dataset.saved + " " + new Date().toLocaleTimeString());
          } else {
            say((result.body.errors || [status.dataset.failed]).join(" "));
          }
        });
    }
    if (!status) {  // a submitted, read-only sheet: the server has every score, the copy can go
      window.localStorage.removeItem(key);
      total();
      return;
    }
    var kept = window.localStorage.getItem(key);
    if (kept) {
      var data = JSON.parse(kept);
      Object.keys(data).forEach(function (name) {
        var field = form.elements[name];
        if (field && !field.disabled) { field.value = data[name]; }
      });
      save();
    }
    fields.forEach(function (field) {
      field.addEventListener("input", function () {
        total();
        window.clearTimeout(timer);
        timer = window.setTimeout(save, 400);
      });
    });
    // The kept copy stays until the server has the sheet: a submit that fails offline loses
    // nothing; a score out of range is not sent.
    // Captured, so that it comes before the "Submit this score sheet?" question.
    form.addEventListener("submit", function (event) {
      if (!navigator.onLine) {
        say(status.dataset.offline, true);
      } else if (points.some(outOfRange)) {
        points.filter(outOfRange)[0].focus();
      } else {
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
    }, true);
    // Offline: say so at once, keep typing locally; back online: send what was kept.
    window.addEventListener("offline", function () { say(status.dataset.offline, true); });
    window.addEventListener("online", function () {
      say("");
      if (window.localStorage.getItem(key)) { save(); }
    });
    if (!navigator.onLine) { say(status.dataset.offline, true); }
    total();
  });

  // The judge's list on presentation day follows the console: the entry presenting now is
  // labelled and comes first, the others keep the running order.
  document.querySelectorAll("[data-follow-day]").forEach(function (list) {
    var shown = null;
    function follow(current) {
      if (current === shown) { return; }
      shown = current;
      var items = Array.prototype.slice.call(list.querySelectorAll("[data-entry]"));
      items.forEach(function (item) {
        item.querySelector("[data-now-presenting]").hidden = Number(item.dataset.entry) !== current;
      });
      items.sort(function (a, b) {
        var nowA = Number(a.dataset.entry) === current ? 0 : 1;
        var nowB = Number(b.dataset.entry) === current ? 0 : 1;
        return nowA - nowB || Number(a.dataset.order) - Number(b.dataset.order);
      });
      items.forEach(function (item) { list.appendChild(item); });
    }
    function poll() {
      fetch(list.dataset.followDay, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (state) { if (state) { follow(state.current_id); } })
        .catch(function () {})
        .then(function () { window.setTimeout(poll, 2000); });
    }
    poll();
  });
})();
