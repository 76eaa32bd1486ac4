// The search results page: tell the query log which result was followed, where the browser has no
// <a ping> (the links carry data-click with the beacon URL). No personal data is sent.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-click]");
  if (link && navigator.sendBeacon && !("ping" in HTMLAnchorElement.prototype)) {
    navigator.sendBeacon(link.getAttribute("data-click"));
  }
});
