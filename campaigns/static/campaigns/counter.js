// Keeps the sign-up counter live: asks the site (no third party) for the count every 30 seconds.
(function () {
  var box = document.querySelector("[data-count-url]");
  if (!box || !window.fetch) return;
  function refresh() {
    fetch(box.getAttribute("data-count-url"), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        box.querySelector("[data-count]").textContent = data.count;
        box.querySelector("[data-percent]").textContent = data.percent;
        var bar = box.querySelector("progress");
        if (bar) { bar.value = data.count; bar.textContent = data.percent + " %"; }
      })
      .catch(function () {});
  }
  setInterval(refresh, 30000);
})();
