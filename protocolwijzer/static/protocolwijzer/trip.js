/* "Wie mag niet op de foto?" (issue 14): keeps an opened list readable without internet
   (the service worker at data-worker), and says so when the phone is offline. Progressive
   enhancement: without this script the list works the same, online. A static file, so the
   Content-Security-Policy (script-src 'self', no inline script) allows it. */
(function () {
  "use strict";
  var root = document.querySelector("[data-worker]");
  if (!root) { return; }
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(root.getAttribute("data-worker"), {
      scope: root.getAttribute("data-scope")
    }).catch(function () { /* no offline copy; the page still works */ });
  }
  var notice = document.getElementById("offline-notice");
  var stale = document.getElementById("offline-stale");
  var fetched = root.getAttribute("data-fetched-day");

  function today() {
    var now = new Date();
    var month = String(now.getMonth() + 1).padStart(2, "0");
    var day = String(now.getDate()).padStart(2, "0");
    return now.getFullYear() + "-" + month + "-" + day;
  }

  function update() {
    var offline = !navigator.onLine || root.getAttribute("data-served") === "copy";
    if (notice) { notice.hidden = !offline; }
    if (stale) { stale.hidden = !(offline && fetched && fetched !== today()); }
  }

  window.addEventListener("online", update);
  window.addEventListener("offline", update);
  update();
})();
