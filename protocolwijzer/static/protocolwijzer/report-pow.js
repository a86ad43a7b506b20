/* The public report form's proof of work: find a number that, after the server's signed
   challenge, gives a SHA-256 hash starting with the required number of zero bits
   (hashcash). A second or two for a person's browser; a real cost for a script that
   sends thousands of reports. The server checks the answer and that the form was not
   sent faster than a person can fill it in. A static file, so the Content-Security-Policy
   (script-src 'self', no inline script) allows it. Without JavaScript the button stays
   off and the page says what is needed. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-pow-bits]");
  if (!form) { return; }
  var button = form.querySelector("button[type=submit]");
  var status = document.getElementById("pow-status");
  var challenge = form.querySelector("input[name=challenge]");
  var solution = form.querySelector("input[name=solution]");
  var bits = parseInt(form.getAttribute("data-pow-bits"), 10);
  var minSeconds = parseInt(form.getAttribute("data-min-seconds"), 10) || 0;
  var started = Date.now();
  var encoder = new TextEncoder();

  function say(text) { if (status) { status.textContent = text; } }

  function zeroBits(bytes) {
    var count = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { count += 8; continue; }
      var b = bytes[i];
      while ((b & 0x80) === 0) { count += 1; b <<= 1; }
      return count;
    }
    return count;
  }

  function ready() {
    var wait = minSeconds * 1000 - (Date.now() - started);
    if (wait > 0) { window.setTimeout(ready, wait); return; }
    button.disabled = false;
    say(status.getAttribute("data-ready"));
  }

  async function work() {
    if (!window.crypto || !window.crypto.subtle) {
      say(status.getAttribute("data-unsupported"));
      return;
    }
    button.disabled = true;
    say(status.getAttribute("data-working"));
    for (var counter = 0; ; counter++) {
      var data = encoder.encode(challenge.value + ":" + counter);
      var digest = new Uint8Array(await window.crypto.subtle.digest("SHA-256", data));
      if (zeroBits(digest) >= bits) { solution.value = String(counter); break; }
    }
    ready();
  }

  if (status) { status.hidden = false; }
  work();
})();
