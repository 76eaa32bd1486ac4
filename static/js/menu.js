// The header menu (search and main navigation) as a disclosure on phones: closed until the button opens it,
// so the page's own heading is in the first screen. On wider screens, and without JavaScript, it is always shown.
document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".menu-toggle");
    var menu = document.getElementById("site-menu");
    if (!button || !menu) return;
    var narrow = window.matchMedia("(max-width: 40em)");

    function setOpen(open) {
        button.setAttribute("aria-expanded", open ? "true" : "false");
        menu.hidden = !open;
    }

    function sync() {
        button.hidden = !narrow.matches;
        setOpen(!narrow.matches);
    }

    button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") !== "true";
        setOpen(open);
        if (open) {
            var first = menu.querySelector("input, a, button");
            if (first) first.focus();
        }
    });
    menu.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && narrow.matches) {
            setOpen(false);
            button.focus();
        }
    });
    if (narrow.addEventListener) narrow.addEventListener("change", sync);
    sync();
});
