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

// Search boxes suggest titles as you type: an ARIA combobox with a listbox.
// Arrow keys move through the suggestions, Enter opens the search for the
// highlighted one, Escape closes the list; the mouse works too.
(function () {
  "use strict";
  if (!window.fetch) { return; }
  document.querySelectorAll("[data-suggest-url]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    if (!list) { return; }
    var timer = null;
    var active = -1;
    var asked = "";

    function options() { return list.querySelectorAll("[role=option]"); }

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      var items = options();
      if (!items.length) { return; }
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }

    function choose(item) {
      input.value = item.textContent;
      close();
      if (input.form) { input.form.requestSubmit ? input.form.requestSubmit() : input.form.submit(); }
    }

    function show(suggestions) {
      list.innerHTML = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      suggestions.forEach(function (title, i) {
        var item = document.createElement("li");
        item.id = list.id + "-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.className = "suggest__option";
        item.textContent = title;  // titles are text, never HTML
        // mousedown, not click: it fires before the input loses focus.
        item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(item); });
        list.appendChild(item);
      });
      var open = suggestions.length > 0;
      list.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var text = input.value.trim();
        if (!text) { close(); return; }
        asked = text;
        fetch(input.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(text))
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            if (asked === text && input.value.trim() === text) { show(data.suggestions || []); }
          })
          .catch(function () { /* no suggestions this time; the box still searches */ });
      }, 150);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && options().length > 0;
      if (event.key === "ArrowDown" && open) { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp" && open) { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Escape" && open) { event.preventDefault(); close(); }
      else if (event.key === "Enter" && open && active >= 0) { event.preventDefault(); choose(options()[active]); }
    });

    input.addEventListener("blur", close);
  });
})();

// Search filters: open beside the results on a wide screen, behind a button
// on a phone so that the first result shows on the first screen.
(function () {
  "use strict";
  var filters = document.querySelector("[data-search-filters]");
  if (!filters || !window.matchMedia) { return; }
  var wide = window.matchMedia("(min-width: 48.01rem)");
  function follow() { filters.open = wide.matches; }
  follow();
  wide.addEventListener("change", follow);
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
