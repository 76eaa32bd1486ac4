// After a server-side error, move focus to the error summary at the top of the form, so keyboard and
// screen-reader users start from the list of what to fix. (A static file: no inline script, for the CSP.)
document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary");
    if (summary) {
        summary.focus();
        summary.scrollIntoView({block: "start"});
    }
});
