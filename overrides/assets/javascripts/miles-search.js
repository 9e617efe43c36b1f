/* MiLES: download the search index only when the reader opens search.
   Over http(s), Material's bundle requests search/search_index.json (about 90 kB gzipped, more
   than the rest of a page) on every first visit, whether or not the reader searches. From
   file:// it already waits until search opens. This script runs just before the bundle and
   holds back that one request until the search toggle (#__search) is switched on; then it sends
   it, and Material shows "Zoekopdracht initialiseren" until the index is in. Every other request
   goes out untouched, and if Material ever fetches the index another way, it simply loads at
   once, as before. */
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
