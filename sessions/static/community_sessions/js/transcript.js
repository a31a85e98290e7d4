// Opens the transcript at the moment a "#t=12m30s" link names: the last
// segment starting at or before that time is expanded, marked and scrolled to.
(function () {
  "use strict";

  function secondsIn(hash) {
    var match = /^#t=(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(hash || "");
    if (!match || hash === "#t=") return null;
    return (+(match[1] || 0)) * 3600 + (+(match[2] || 0)) * 60 + (+(match[3] || 0));
  }

  function showMoment() {
    var seconds = secondsIn(window.location.hash);
    if (seconds === null) return;
    var segments = document.querySelectorAll(".transcript__segment[data-seconds]");
    if (!segments.length) return;
    var target = segments[0];
    segments.forEach(function (segment) {
      if (+segment.dataset.seconds <= seconds) target = segment;
    });
    var details = target.closest("details");
    if (details) details.open = true;
    document.querySelectorAll(".transcript__segment.is-current").forEach(function (el) {
      el.classList.remove("is-current");
      el.removeAttribute("aria-current");
    });
    target.classList.add("is-current");
    target.setAttribute("aria-current", "true");
    target.scrollIntoView({ block: "center" });
  }

  window.addEventListener("hashchange", showMoment);
  showMoment();
})();
