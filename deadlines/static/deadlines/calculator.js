// After the calculator answers, move focus (and a phone's view) to the result, or to the error summary,
// so screen readers announce it and nobody has to scroll to find it. No inline script (CSP).
document.addEventListener("DOMContentLoaded", function () {
    var target = document.getElementById("form-errors") || document.getElementById("resultat");
    if (target) {
        target.focus();
        target.scrollIntoView({block: "start"});
    }
});
