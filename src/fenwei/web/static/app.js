// fenwei: live inbox (server-sent events) and actions without reloading.
// Everything also works without JavaScript: forms post and redirect back.
(function () {
  "use strict";
  // times stored in UTC (the audit log) are shown in the reader's own time zone
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  document.querySelectorAll("time[data-local]").forEach(function (el) {
    var d = new Date(el.getAttribute("datetime"));
    if (isNaN(d.getTime())) return;
    el.title = el.textContent;
    el.textContent = d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) +
      " " + pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
  });

  var cards = document.getElementById("cards");
  var csrf = document.querySelector('meta[name="csrf-token"]');
  var token = csrf ? csrf.getAttribute("content") : "";

  function editing() {
    return cards && cards.querySelector("details.edit-box[open]");
  }

  function refresh() {
    if (!cards) return;
    if (editing()) { cards.dataset.stale = "1"; return; }
    fetch(cards.dataset.fragment + window.location.search, {
      credentials: "same-origin", headers: { "X-Fenwei-Fetch": "1" }
    }).then(function (r) { return r.ok ? r.text() : null; }).then(function (html) {
      if (html !== null && !editing()) { cards.innerHTML = html; cards.dataset.stale = ""; }
    });
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!(t instanceof HTMLElement)) return;
    if (t.classList.contains("cancel-edit")) {
      t.closest("details").open = false;
      if (cards && cards.dataset.stale) refresh();
    }
  });

  if (cards) {
    cards.addEventListener("toggle", function (ev) {
      var box = ev.target;
      if (box instanceof HTMLDetailsElement && box.open) box.querySelector("textarea").focus();
    }, true);
    cards.addEventListener("submit", function (ev) {
      var form = ev.target;
      if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "post") return;
      ev.preventDefault();
      var buttons = form.querySelectorAll("button");
      buttons.forEach(function (b) { b.disabled = true; });
      fetch(form.action + window.location.search, {
        method: "POST", body: new FormData(form), credentials: "same-origin",
        headers: { "X-Fenwei-Fetch": "1", "X-CSRF-Token": token }
      }).then(function (r) { return r.text().then(function (html) { return [r.ok, html]; }); })
        .then(function (res) {
          if (res[0]) {
            var box = form.closest("details");
            if (box) box.open = false;
            cards.innerHTML = res[1];
          } else {
            buttons.forEach(function (b) { b.disabled = false; });
            document.body.insertAdjacentHTML("afterbegin", '<div class="toast" role="alert"></div>');
            document.querySelector(".toast").textContent = (new DOMParser().parseFromString(res[1], "text/html").querySelector("main p") || {}).textContent || res[1].slice(0, 200);
          }
        });
    });

    if (window.EventSource) {
      var state = document.getElementById("live-state");
      var source = new EventSource(cards.dataset.stream);
      source.onopen = function () {
        if (state) { state.textContent = state.dataset.on; state.classList.add("on"); }
      };
      source.onerror = function () {
        if (state) { state.textContent = state.dataset.off; state.classList.remove("on"); }
      };
      source.addEventListener("inbox", refresh);
    }
  }
})();
