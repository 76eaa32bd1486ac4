/* Autocomplete for the header search: an ARIA 1.2 combobox (input + listbox), progressive enhancement.
   Without JavaScript the form simply submits to the results page. Keys: Down/Up move through the
   suggestions, Enter opens the chosen one (or searches), Escape closes the list (a second Escape clears). */
(function () {
  "use strict";
  var form = document.querySelector("form.site-search[data-suggest-url]");
  if (!form || !window.fetch) { return; }
  var input = form.querySelector("input[name=q]");
  var listbox = form.querySelector("[role=listbox]");
  var status = form.querySelector("[role=status]");
  if (!input || !listbox) { return; }
  var url = form.getAttribute("data-suggest-url");
  var locale = form.getAttribute("data-locale") || "da";
  var nb = locale === "nb";
  var items = [];
  var active = -1;
  var timer = null;
  var lastQuery = "";
  var controller = null;

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", listbox.id);
  input.setAttribute("aria-expanded", "false");

  function announce(text) { if (status) { status.textContent = text; } }

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function open() {
    if (!items.length) { close(); return; }
    listbox.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function highlight(index) {
    var options = listbox.querySelectorAll("[role=option]");
    for (var i = 0; i < options.length; i++) {
      options[i].setAttribute("aria-selected", i === index ? "true" : "false");
    }
    active = index;
    if (index >= 0 && options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function render(results) {
    items = results;
    listbox.textContent = "";
    results.forEach(function (item, i) {
      var li = document.createElement("li");
      li.id = "site-search-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.textContent = item.title;
      li.addEventListener("mousedown", function (event) { event.preventDefault(); });
      li.addEventListener("click", function () { window.location.href = item.url; });
      listbox.appendChild(li);
    });
    active = -1;
    if (results.length) {
      open();
      announce(results.length === 1 ? (nb ? "1 forslag." : "1 forslag.") : results.length + " forslag.");
    } else {
      close();
      announce("");
    }
  }

  function fetchSuggestions() {
    var q = input.value.trim();
    if (q === lastQuery) { open(); return; }
    lastQuery = q;
    if (q.length < 2) { render([]); return; }
    if (controller) { controller.abort(); }
    controller = window.AbortController ? new AbortController() : null;
    fetch(url + "?" + new URLSearchParams({ q: q, locale: locale }), controller ? { signal: controller.signal } : {})
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { if (input.value.trim() === q) { render(data.results || []); } })
      .catch(function () { /* offline or aborted: the plain search still works */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 150);
  });

  input.addEventListener("keydown", function (event) {
    var count = items.length;
    if (event.key === "ArrowDown") {
      if (!count) { return; }
      event.preventDefault();
      open();
      highlight(active + 1 >= count ? 0 : active + 1);
    } else if (event.key === "ArrowUp") {
      if (!count) { return; }
      event.preventDefault();
      open();
      highlight(active <= 0 ? count - 1 : active - 1);
    } else if (event.key === "Enter") {
      if (!listbox.hidden && active >= 0 && items[active]) {
        event.preventDefault();
        window.location.href = items[active].url;
      }
    } else if (event.key === "Escape") {
      if (!listbox.hidden) {
        event.preventDefault();
        close();
      } else if (input.value) {
        event.preventDefault();
        input.value = "";
        lastQuery = "";
        items = [];
      }
    }
  });

  input.addEventListener("blur", function () { setTimeout(close, 100); });
})();
