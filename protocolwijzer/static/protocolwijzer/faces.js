/* The checker's photos: tag faces from the class list, draw a missed face, follow a job.

   Progressive enhancement: without this script every face has a list to choose who it
   is, and the page works the same. With it, a tap (or a number key) picks a face on the
   photo, typing filters the class list, Enter or a tap on a name tags the face, and the
   next untagged face is picked. Nothing is sent until a button of the form is pressed:
   the choices live in the form's own lists. A static file, so the Content-Security-Policy
   (script-src 'self', no inline script or style) allows it. */
(function () {
  "use strict";
  var form = document.querySelector(".check-form");
  if (!form) { return; }

  /* Letters without accents, lower case: "Zoë" is found by typing "zoe". */
  function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function matches(name, query) {
    if (!query) { return true; }
    var words = plain(name).split(/[\s-]+/);
    var wanted = plain(query).trim();
    return plain(name).indexOf(wanted) === 0 || words.some(function (w) {
      return w.indexOf(wanted) === 0;
    });
  }

  function setUpMedia(media) {
    var svg = media.querySelector("[data-faces]");
    var tagger = media.querySelector("[data-tagger]");
    var rows = Array.prototype.slice.call(media.querySelectorAll("[data-face-row]"));
    if (!tagger || !rows.length && !svg) { return; }
    var filter = tagger.querySelector("[data-filter]");
    var names = tagger.querySelector("[data-names]");
    var active = tagger.querySelector("[data-active]");
    var selects = {};
    rows.forEach(function (row) {
      selects[row.getAttribute("data-face-row")] = row.querySelector("select");
    });
    var numbers = Object.keys(selects).map(Number).sort(function (a, b) { return a - b; });
    var current = null;
    var highlighted = -1;
    var touch = window.matchMedia("(pointer: coarse)").matches;

    tagger.hidden = false;
    media.classList.add("media--enhanced");

    /* The names to choose from: the options of a face's list (they are the same for
       every face), the special tags first, then the class list. */
    var first = selects[numbers[0]];
    var choices = [];
    if (first) {
      Array.prototype.forEach.call(first.querySelectorAll("option"), function (option) {
        if (option.value) { choices.push({value: option.value, label: option.textContent,
                                          special: option.parentNode === first}); }
      });
    }
    choices.forEach(function (choice) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "tagger__name" + (choice.special ? " tagger__name--special" : "");
      button.textContent = choice.label;
      button.setAttribute("data-value", choice.value);
      button.addEventListener("click", function () { tag(choice.value); });
      item.appendChild(button);
      names.appendChild(item);
    });
    var buttons = Array.prototype.slice.call(names.querySelectorAll("button"));

    function labelOf(value) {
      for (var i = 0; i < choices.length; i++) {
        if (choices[i].value === value) { return choices[i].label; }
      }
      return "";
    }

    function faceClass(value) {
      if (!value) { return "untagged"; }
      if (value.charAt(0) === "s") { return "student"; }
      return value;
    }

    function paint(number) {
      var value = selects[number] ? selects[number].value : "";
      var kind = faceClass(value);
      var group = svg && svg.querySelector('[data-face="' + number + '"]');
      var row = media.querySelector('[data-face-row="' + number + '"]');
      var thumb = media.querySelector('.thumb[data-face="' + number + '"]');
      [group, row, thumb].forEach(function (element) {
        if (!element) { return; }
        ["untagged", "student", "not_ours", "unknown"].forEach(function (name) {
          element.classList.toggle("face--" + name, name === kind);
        });
        element.classList.toggle("is-active", number === current);
      });
      if (group) {
        var title = group.querySelector("title");
        if (title) { title.textContent = number + (value ? ": " + labelOf(value) : ""); }
      }
    }

    function select(number, focusList) {
      if (!selects[number]) { return; }
      var before = current;
      current = number;
      if (before !== null) { paint(before); }
      paint(number);
      var value = selects[number].value;
      active.textContent = value
        ? tagger.getAttribute("data-text-tagged") .replace("%(number)s", number)
            .replace("%(name)s", labelOf(value))
        : tagger.getAttribute("data-text-who").replace("%(number)s", number);
      filter.value = "";
      update();
      if (focusList && !touch) { filter.focus(); }
    }

    function nextUntagged(after) {
      for (var i = 0; i < numbers.length; i++) {
        var n = numbers[(numbers.indexOf(after) + 1 + i) % numbers.length];
        if (!selects[n].value) { return n; }
      }
      return null;
    }

    function tag(value) {
      if (current === null) {
        active.textContent = tagger.getAttribute("data-text-pick");
        return;
      }
      var number = current;
      selects[number].value = value;
      selects[number].dispatchEvent(new Event("change", {bubbles: true}));
      paint(number);
      var next = nextUntagged(number);
      if (next !== null) {
        select(next, true);
      } else {
        current = null;
        paint(number);
        active.textContent = tagger.getAttribute("data-text-done");
        filter.value = "";
        update();
      }
    }

    function visibleButtons() {
      return buttons.filter(function (b) { return !b.parentNode.hidden; });
    }

    function update() {
      var query = filter.value;
      buttons.forEach(function (button) {
        button.parentNode.hidden = !matches(button.textContent, query);
      });
      var shown = visibleButtons();
      highlighted = query && shown.length ? 0 : -1;
      buttons.forEach(function (b) { b.classList.remove("is-highlighted"); });
      if (highlighted >= 0) { shown[0].classList.add("is-highlighted"); }
    }

    function move(step) {
      var shown = visibleButtons();
      if (!shown.length) { return; }
      buttons.forEach(function (b) { b.classList.remove("is-highlighted"); });
      highlighted = (highlighted + step + shown.length) % shown.length;
      shown[highlighted].classList.add("is-highlighted");
      shown[highlighted].scrollIntoView({block: "nearest"});
    }

    /* Number keys pick a face: "1" then "2" quickly is face 12. */
    var typed = "";
    var typedTimer = null;
    function typeNumber(digit) {
      typed += digit;
      clearTimeout(typedTimer);
      typedTimer = setTimeout(function () { typed = ""; }, 900);
      var number = Number(typed);
      if (selects[number]) { select(number, true); }
      else if (selects[Number(digit)]) { typed = digit; select(Number(digit), true); }
    }

    filter.addEventListener("input", update);
    filter.addEventListener("keydown", function (event) {
      if (/^[0-9]$/.test(event.key)) {
        event.preventDefault();
        typeNumber(event.key);
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        move(event.key === "ArrowDown" ? 1 : -1);
      } else if (event.key === "Enter") {
        event.preventDefault();  // never submits the form from here
        var shown = visibleButtons();
        if (highlighted >= 0 && shown[highlighted]) {
          tag(shown[highlighted].getAttribute("data-value"));
        }
      } else if (event.key === "Escape") {
        filter.value = "";
        update();
      }
    });
    media.addEventListener("keydown", function (event) {
      if (event.target === filter || event.target.tagName === "SELECT"
          || event.target.tagName === "INPUT") { return; }
      if (/^[0-9]$/.test(event.key)) { typeNumber(event.key); }
    });

    rows.forEach(function (row) {
      var number = Number(row.getAttribute("data-face-row"));
      selects[number].addEventListener("change", function () { paint(number); });
      row.querySelector(".face-row__number").addEventListener("click", function (event) {
        event.preventDefault();
        select(number, true);
      });
      paint(number);
    });

    /* A video's faces are thumbnails, one per person followed through the video. */
    Array.prototype.forEach.call(media.querySelectorAll(".thumb[data-face]"), function (thumb) {
      thumb.addEventListener("click", function () {
        select(Number(thumb.getAttribute("data-face")), true);
      });
    });
    if (svg) {
      Array.prototype.forEach.call(svg.querySelectorAll("[data-face]"), function (group) {
        group.addEventListener("click", function () {
          if (!drawing) { select(Number(group.getAttribute("data-face")), true); }
        });
      });
    }

    /* Drawing a box around a face that was missed: drag on the photo; the box is saved
       with the form (the button "draw:<slot>"), and gets the next number. */
    var drawButton = media.querySelector("[data-draw]");
    var drawSubmit = media.querySelector("[data-draw-submit]");
    var drawInput = form.querySelector('input[name="foto-' + media.getAttribute("data-slot")
                                       + '-draw"]');
    var hint = media.querySelector("[data-draw-hint]");
    var drawing = false;
    var start = null;
    var box = null;
    if (svg && drawButton && drawSubmit && drawInput) {
      drawButton.hidden = false;
      drawButton.addEventListener("click", function () {
        drawing = !drawing;
        svg.classList.toggle("is-drawing", drawing);
        hint.hidden = !drawing;
        drawButton.setAttribute("aria-pressed", drawing ? "true" : "false");
      });
      var point = function (event) {
        var matrix = svg.getScreenCTM().inverse();
        var p = svg.createSVGPoint();
        p.x = event.clientX;
        p.y = event.clientY;
        return p.matrixTransform(matrix);
      };
      svg.addEventListener("pointerdown", function (event) {
        if (!drawing) { return; }
        event.preventDefault();
        svg.setPointerCapture(event.pointerId);
        start = point(event);
        box = document.createElementNS("http://www.w3.org/2000/svg", "rect");
        box.setAttribute("class", "face__drawn");
        box.setAttribute("vector-effect", "non-scaling-stroke");
        svg.appendChild(box);
      });
      svg.addEventListener("pointermove", function (event) {
        if (!drawing || !start || !box) { return; }
        var p = point(event);
        box.setAttribute("x", Math.min(start.x, p.x));
        box.setAttribute("y", Math.min(start.y, p.y));
        box.setAttribute("width", Math.abs(p.x - start.x));
        box.setAttribute("height", Math.abs(p.y - start.y));
      });
      svg.addEventListener("pointerup", function (event) {
        if (!drawing || !start) { return; }
        var p = point(event);
        var view = svg.viewBox.baseVal;
        var clamp = function (v, max) { return Math.round(Math.max(0, Math.min(max, v))); };
        var x1 = clamp(Math.min(start.x, p.x), view.width);
        var y1 = clamp(Math.min(start.y, p.y), view.height);
        var x2 = clamp(Math.max(start.x, p.x), view.width);
        var y2 = clamp(Math.max(start.y, p.y), view.height);
        start = null;
        if (x2 - x1 < 4 || y2 - y1 < 4) {
          if (box) { box.remove(); }
          return;
        }
        drawInput.value = [x1, y1, x2, y2].join(",");
        form.requestSubmit(drawSubmit);
      });
    }
  }

  /* A job runs (faces being found, or the blur): show its progress, and go on when it
     is done by pressing the slot's "Go on" button. */
  function follow(media) {
    var url = media.getAttribute("data-status-url");
    var bar = media.querySelector("[data-progress]");
    var text = media.querySelector("[data-progress-text]");
    var button = media.querySelector("[data-continue]");
    if (!url || !button) { return; }
    var poll = function () {
      fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (status) {
          if (!status) { return; }
          if (bar && typeof status.progress === "number") {
            bar.value = status.progress;
            if (text) { text.textContent = text.textContent.replace(/\d+%/, status.progress + "%"); }
          }
          if (status.status === "detecting" || status.status === "blurring") {
            setTimeout(poll, 1000);
          } else {
            form.requestSubmit(button);
          }
        })
        .catch(function () { setTimeout(poll, 3000); });
    };
    setTimeout(poll, 700);
  }

  /* A photo or video chosen: its faces say who is on it, so the counts step back. The
     counts stay for a sound recording and for a slot without a file. */
  function watchFile(slot) {
    var input = slot.querySelector('input[type="file"]');
    var counts = slot.querySelector("[data-counts]");
    if (!input || !counts) { return; }
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      counts.hidden = Boolean(file && !/^audio\//.test(file.type));
    });
  }

  Array.prototype.forEach.call(form.querySelectorAll("[data-media]"), function (media) {
    setUpMedia(media);
    follow(media);
  });
  Array.prototype.forEach.call(form.querySelectorAll(".photo-slot"), watchFile);
  /* Just uploaded: no answer yet, so go to the photo to say who is on it. */
  var firstMedia = form.querySelector("[data-media]");
  if (firstMedia && !document.querySelector(".verdict")
      && !form.querySelector(".form-problems")) {
    firstMedia.closest(".photo-slot").scrollIntoView();
  }
  var classButtons = form.querySelectorAll("[data-class-button]");
  Array.prototype.forEach.call(classButtons, function (button) {
    var select = button.parentNode.querySelector("select");
    if (select) {
      button.hidden = true;
      select.addEventListener("change", function () { form.requestSubmit(button); });
    }
  });
})();
