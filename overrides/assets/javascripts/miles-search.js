/* MiLES search, on every page; it runs just before Material's bundle, after the page's
   __config and the #miles-search-help template (partials/miles-search-help.html). Cached with
   the other scripts, instead of repeated inline in every page. */

/* No dead ends: when a search finds nothing, the results suggest the glossary, the five phases
   and the planner. Material's results panel holds a status line and the list of results; this
   puts a live region between them and fills it from the template only while the status says
   that nothing was found. Works on file:// as well. */
(function () {
  "use strict";
  var result = document.querySelector("[data-md-component=search-result]");
  var input = document.querySelector("[data-md-component=search-query]");
  var template = document.getElementById("miles-search-help");
  var config = document.getElementById("__config");
  if (!result || !input || !template || !config) return;

  var status = result.firstElementChild;
  var none = JSON.parse(config.textContent).translations["search.result.none"];
  var help = document.createElement("div");
  help.className = "miles-search-help";
  help.setAttribute("aria-live", "polite");
  result.insertBefore(help, result.lastElementChild);
  new MutationObserver(function () {
    var nothing = status.textContent.trim() === none;
    if (nothing && !help.hasChildNodes()) {
      help.appendChild(template.content.cloneNode(true));
    } else if (!nothing && help.hasChildNodes()) {
      help.replaceChildren();
    }
  }).observe(status, { childList: true, characterData: true, subtree: true });
  /* Enter in the box opens the best result. These links are no result: keep Material's
     handler from taking one for it; the arrow keys still reach them. */
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && help.hasChildNodes()) {
      event.preventDefault();
      event.stopPropagation();
    }
  });
})();

/* Download the search index only when the reader opens search.
   Over http(s), Material's bundle requests search/search_index.json (about 90 kB gzipped, more
   than the rest of a page) on every first visit, whether or not the reader searches. From
   file:// it already waits until search opens. This holds back that one request until the
   search toggle (#__search) is switched on; then it sends it, and Material shows
   "Zoekopdracht initialiseren" until the index is in. Every other request goes out untouched,
   and if Material ever fetches the index another way, it simply loads at once, as before. */
(function () {
  "use strict";
  var toggle = document.getElementById("__search");
  if (!toggle || location.protocol === "file:" || !window.XMLHttpRequest) return;

  var proto = XMLHttpRequest.prototype;
  var open = proto.open;
  var send = proto.send;
  var held = [];

  function isIndex(url) {
    try {
      return /\/search\/search_index\.json$/.test(new URL(String(url), document.baseURI).pathname);
    } catch (error) {
      return false;
    }
  }

  function release() {
    proto.open = open;
    proto.send = send;
    held.splice(0).forEach(function (go) { go(); });
  }

  proto.open = function (method, url) {
    this.milesSearchIndex = isIndex(url);
    return open.apply(this, arguments);
  };
  proto.send = function () {
    var request = this;
    var args = arguments;
    if (!request.milesSearchIndex) return send.apply(request, args);
    held.push(function () { send.apply(request, args); });
  };

  if (toggle.checked) release();
  else {
    toggle.addEventListener("change", function opened() {
      if (!toggle.checked) return;
      toggle.removeEventListener("change", opened);
      release();
    });
  }
})();
