/* The main menu of staff is long (up to 16 items): on a phone it folds behind "Menu", so
   a page starts with its content. On a wider screen, and without JavaScript, it is open
   and the "Menu" button is not shown (site.css). */
(function () {
  "use strict";
  var fold = document.querySelector(".nav-fold");
  if (!fold || !window.matchMedia) {
    return;
  }
  var phone = window.matchMedia("(max-width: 39.99rem)");
  function fit() {
    fold.open = !phone.matches;
  }
  fit();
  if (phone.addEventListener) {
    phone.addEventListener("change", fit);
  }
})();
