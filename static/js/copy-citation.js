// "Kopiér" beside each citation format (position papers). Progressive enhancement: the buttons stay
// hidden without JavaScript or without the Clipboard API, and the text can still be selected by hand.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) return;
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = button.closest("section").querySelector(".copy-status");
    if (!field || !status) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () { status.textContent = status.getAttribute("data-copied"); },
        function () {
          status.textContent = status.getAttribute("data-failed");
          field.focus();
          field.select();
        }
      );
    });
  });
})();
