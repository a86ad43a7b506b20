/* The import's review page: on a phone the document is folded, so that the proposals to
   check come first; a link to one of its paragraphs ("from ¶ 3") unfolds it. On a wide
   screen, and without JavaScript, the document stays open beside the result. */
(function () {
  "use strict";
  var fold = document.querySelector(".import-document__fold");
  if (!fold || !window.matchMedia) {
    return;
  }
  if (window.matchMedia("(max-width: 59.99rem)").matches &&
      window.location.hash.indexOf("#alinea-") !== 0) {
    fold.open = false;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#alinea-"]');
    if (link) {
      fold.open = true;
    }
  });
})();
