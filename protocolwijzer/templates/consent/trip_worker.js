{% load i18n static %}/* "Wie mag niet op de foto?" without internet (issue 14).

   Network first: with internet every page comes fresh from the school's server (and a
   copy is kept). Without internet the copy of a list this phone opened earlier is shown;
   the page itself says when it was fetched. Copies older than {{ offline_hours }} hours
   are not shown and are removed. Only pages under this worker's own address are kept,
   with the style sheet and script they use; signing out removes every copy (the sign-out
   page sends Clear-Site-Data). */
"use strict";

var CACHE = "pw-niet-op-de-foto-1";
var MAX_AGE_MS = {{ offline_hours }} * 3600 * 1000;
var START = "{{ start|escapejs }}";
var STATIC_PREFIX = "{{ static_prefix|escapejs }}";
var OFFLINE_PAGE = "<!doctype html><html lang=\"{{ LANGUAGE_CODE|escapejs }}\"><head><meta charset=\"utf-8\">" +
  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
  "<title>{{ _('No internet')|escapejs }}</title>" +
  "<link rel=\"stylesheet\" href=\"{% static 'protocolwijzer/site.css' %}\"></head><body>" +
  "<main class=\"wrap\"><h1>{{ _('No internet')|escapejs }}</h1>" +
  "<p>{{ _('This list was not opened on this phone in the last day, so there is no copy of it. Open it once with internet; after that it also works without.')|escapejs }}</p>" +
  "<p><a href=\"" + START + "\">{{ _('Back to the groups')|escapejs }}</a></p></main></body></html>";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("pw-niet-op-de-foto-") === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function isFresh(response) {
  var fetched = Number(response.headers.get("X-PW-Kept-At"));
  return fetched > 0 && Date.now() - fetched < MAX_AGE_MS;
}

function keep(request, response) {
  // A copy that knows when it was kept, whatever headers the server sent.
  return response.blob().then(function (body) {
    var headers = new Headers(response.headers);
    headers.set("X-PW-Kept-At", String(Date.now()));
    return caches.open(CACHE).then(function (cache) {
      return cache.put(request, new Response(body, {
        status: response.status, statusText: response.statusText, headers: headers}));
    });
  });
}

function fromCopy(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request).then(function (copy) {
      if (copy && isFresh(copy)) { return copy; }
      if (copy) { cache.delete(request); }
      return null;
    });
  });
}

function markedAsCopy(copy) {
  // The page shows its "no internet" notice when it is served from this copy.
  return copy.text().then(function (html) {
    return new Response(html.replace('data-served="network"', 'data-served="copy"'), {
      status: copy.status, statusText: copy.statusText, headers: copy.headers});
  });
}

function networkFirst(request, fallback, asCopy) {
  return fetch(request).then(function (response) {
    // Only a page the server really gave (not a redirect to the sign-in page).
    if (response.ok && !response.redirected && response.type === "basic") {
      keep(request, response.clone());
    }
    return response;
  }).catch(function () {
    return fromCopy(request).then(function (copy) {
      if (!copy) { return fallback(); }
      return asCopy ? asCopy(copy) : copy;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate" && url.pathname.indexOf(START) === 0) {
    event.respondWith(networkFirst(request, function () {
      return new Response(OFFLINE_PAGE, {status: 503, headers: {
        "Content-Type": "text/html; charset=utf-8"}});
    }, markedAsCopy));
  } else if (url.pathname.indexOf(STATIC_PREFIX) === 0) {
    event.respondWith(networkFirst(request, function () { return Response.error(); }));
  }
});
