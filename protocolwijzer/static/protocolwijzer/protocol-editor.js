// The protocol editor: checks the concept as one types (the same validation as
// `protocolwijzer protocols validate`, on the server) and, once it is valid, shows what
// changes in practice, and the AVG check of the articles' texts as they read now. Both
// are debounced; a newer request cancels an older one.
(function () {
  "use strict";
  var form = document.querySelector("form.protocol-editor");
  if (!form) { return; }
  var status = document.getElementById("editor-status");
  var changes = document.getElementById("changes");
  var advice = document.getElementById("avg-advice");
  var checkTimer = null, changesTimer = null, checkCall = null, changesCall = null;

  function post(url, previous) {
    if (previous) { previous.abort(); }
    var controller = new AbortController();
    var request = fetch(url, {method: "POST", body: new FormData(form), signal: controller.signal,
                              credentials: "same-origin", headers: {"X-Requested-With": "fetch"}});
    return {controller: controller, request: request, abort: function () { controller.abort(); }};
  }

  function showProblems(problems) {
    form.querySelectorAll(".editor-rule__problems, .editor-article__problems").forEach(function (box) { box.textContent = ""; });
    status.textContent = "";
    if (!problems.length) { return; }
    var list = document.createElement("ul");
    list.className = "error";
    problems.forEach(function (problem) {
      var text = (problem.where ? problem.where + ": " : "") + problem.message;
      var item = document.createElement("li");
      item.textContent = text;
      list.appendChild(item);
      if (problem.rule !== null) {
        var box = form.querySelector('.editor-rule[data-rule="' + problem.rule + '"] .editor-rule__problems');
        if (box) { var line = document.createElement("p"); line.textContent = text; box.appendChild(line); }
      } else if (problem.article !== null && problem.article !== undefined) {
        var place = form.querySelector('.editor-article__text[data-article="' + problem.article + '"] .editor-article__problems');
        if (place) {
          var note = document.createElement("p"); note.textContent = text; place.appendChild(note);
          // A clause that no longer matches the text is changed in the clauses: show them.
          var clauses = place.parentNode.querySelector(".editor-clauses");
          if (clauses) { clauses.open = true; }
        }
      }
    });
    status.appendChild(list);
  }

  function loadChanges() {
    changes.innerHTML = "";
    var waiting = document.createElement("p");
    waiting.className = "muted";
    waiting.textContent = changes.dataset.loading;
    changes.appendChild(waiting);
    changesCall = post(form.dataset.changesUrl, changesCall);
    changesCall.request.then(function (response) { return response.text(); })
      .then(function (html) { changes.innerHTML = html; })
      .catch(function () { /* a newer request took over */ });
  }

  function check() {
    checkCall = post(form.dataset.checkUrl, checkCall);
    checkCall.request.then(function (response) { return response.json(); })
      .then(function (answer) {
        showProblems(answer.problems);
        if (advice && answer.advice_html !== undefined) { advice.innerHTML = answer.advice_html; }
        form.dataset.valid = answer.valid ? "yes" : "no";
        if (answer.valid) {
          clearTimeout(changesTimer);
          changesTimer = setTimeout(loadChanges, 600);
        }
      })
      .catch(function () { /* a newer request took over */ });
  }

  // Adding or removing an article leaves the page: say so when something typed is unsaved.
  var dirty = false;
  function guard(event) {
    if (dirty && !window.confirm(form.dataset.unsaved)) { event.preventDefault(); }
  }
  document.querySelectorAll("a[data-leaves-editor]").forEach(function (link) { link.addEventListener("click", guard); });
  document.querySelectorAll("form[data-leaves-editor]").forEach(function (other) { other.addEventListener("submit", guard); });
  form.addEventListener("submit", function () { dirty = false; });

  // The new article's number: the first free one of the chosen place, until one is typed.
  var ids = document.getElementById("next-article-ids");
  var place = document.getElementById("nieuw-place");
  var number = document.getElementById("nieuw-article_id");
  if (ids && place && number) {
    var next = JSON.parse(ids.textContent), suggested = "";
    place.addEventListener("change", function () {
      if (number.value === "" || number.value === suggested) {
        suggested = next[place.value] || "";
        number.value = suggested;
      }
    });
  }

  form.addEventListener("input", function () {
    dirty = true;
    clearTimeout(checkTimer);
    checkTimer = setTimeout(check, 400);
  });
  form.addEventListener("change", function () {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(check, 400);
  });
}());
