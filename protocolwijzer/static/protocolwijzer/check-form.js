/* The checker's form without clutter: questions that only matter for some answers are
   hidden until those answers are chosen. Progressive enhancement only: without this
   script every question is shown and the form works the same. A static file, so the
   Content-Security-Policy (script-src 'self', no inline script) allows it. */
(function () {
  "use strict";
  var form = document.querySelector(".check-form");
  if (!form) { return; }

  function checked(name) {
    var input = form.querySelector('input[name="' + name + '"]:checked');
    return input ? input.value : "";
  }

  function update() {
    var groups = form.querySelectorAll("[data-show-for-actions], [data-show-for-contexts]");
    Array.prototype.forEach.call(groups, function (group) {
      var actions = group.getAttribute("data-show-for-actions");
      var contexts = group.getAttribute("data-show-for-contexts");
      var wanted = actions ? actions.split(" ") : contexts.split(" ");
      var value = checked(actions ? "action" : "context");
      // A question with an error stays visible, so the person can see what to fix.
      var show = wanted.indexOf(value) !== -1 || group.querySelector(".field--invalid");
      group.hidden = !show;
    });
  }

  form.addEventListener("change", update);
  update();
})();
