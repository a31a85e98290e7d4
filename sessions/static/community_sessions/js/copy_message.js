// One-click copy of a group message in the Wagtail admin.
(function () {
  "use strict";
  if (window.chendianCopyMessage) { return; }
  window.chendianCopyMessage = true;

  function copyText(textarea) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(textarea.value);
    }
    // Plain-http admin: the old way still works.
    textarea.select();
    var ok = document.execCommand("copy");
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-message]");
    if (!button) { return; }
    var card = button.closest("[data-group-message]");
    var status = card.querySelector("[data-copy-status]");
    copyText(card.querySelector("[data-message-text]")).then(
      function () { status.textContent = button.getAttribute("data-copied-label"); },
      function () { status.textContent = button.getAttribute("data-failed-label"); }
    );
  });
})();
