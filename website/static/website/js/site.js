// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  // Language switcher submits on change.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  // Countdown to a session start; reloads the page when the session goes live.
  document.querySelectorAll("[data-countdown]").forEach(function (element) {
    var start = new Date(element.getAttribute("data-countdown")).getTime();
    var format = element.getAttribute("data-format");
    function tick() {
      var left = Math.max(0, Math.floor((start - Date.now()) / 1000));
      if (left === 0) { window.location.reload(); return; }
      var parts = { d: Math.floor(left / 86400), h: Math.floor(left % 86400 / 3600),
                    m: Math.floor(left % 3600 / 60), s: left % 60 };
      element.textContent = format.replace(/\{(\w)\}/g, function (_, key) { return parts[key]; });
      window.setTimeout(tick, 1000);
    }
    tick();
  });

  // A live session refreshes its notes; a stage change reloads the whole page.
  var live = document.querySelector("[data-live-refresh]");
  if (live) {
    var seconds = parseInt(live.getAttribute("data-live-refresh"), 10) || 60;
    window.setInterval(function () {
      fetch(window.location.href, { headers: { "X-Requested-With": "fetch" } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (!html) { return; }
          var fresh = new DOMParser().parseFromString(html, "text/html");
          var article = fresh.querySelector("[data-stage]");
          if (!article || article.getAttribute("data-stage") !== live.getAttribute("data-stage")) {
            window.location.reload();
            return;
          }
          var notes = fresh.getElementById("live-notes");
          var current = document.getElementById("live-notes");
          if (notes && current) { current.innerHTML = notes.innerHTML; }
        })
        .catch(function () { /* offline for a moment: try again next time */ });
    }, seconds * 1000);
  }
})();

// Search box suggestions (titles that contain what was typed so far).
(function () {
  "use strict";
  var input = document.querySelector("[data-suggest-url]");
  if (!input || !window.fetch) { return; }
  var list = document.getElementById(input.getAttribute("list"));
  var timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var text = input.value.trim();
      if (text.length < 1) { return; }
      fetch(input.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(text))
        .then(function (response) { return response.json(); })
        .then(function (data) {
          list.innerHTML = "";
          data.suggestions.forEach(function (title) {
            var option = document.createElement("option");
            option.value = title;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 200);
  });
})();

// Post editor toolbar: wraps the selected text in one of the allowed tags.
(function () {
  "use strict";
  document.querySelectorAll("[data-toolbar-for]").forEach(function (toolbar) {
    var area = document.getElementById(toolbar.getAttribute("data-toolbar-for"));
    if (!area) { return; }
    toolbar.hidden = false;
    function replaceSelection(make) {
      var start = area.selectionStart, end = area.selectionEnd;
      var text = make(area.value.slice(start, end));
      area.setRangeText(text, start, end, "end");
      area.focus();
    }
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) { return; }
      var tag = button.getAttribute("data-wrap");
      if (tag) {
        replaceSelection(function (s) { return "<" + tag + ">" + s + "</" + tag + ">"; });
      } else if (button.hasAttribute("data-list")) {
        replaceSelection(function (s) {
          var items = (s || "").split("\n").map(function (line) { return "<li>" + line + "</li>"; });
          return "<ul>" + items.join("") + "</ul>";
        });
      } else if (button.hasAttribute("data-link")) {
        var url = window.prompt("https://");
        if (url) {
          replaceSelection(function (s) { return '<a href="' + url.replace(/"/g, "&quot;") + '">' + (s || url) + "</a>"; });
        }
      }
    });
  });
})();
