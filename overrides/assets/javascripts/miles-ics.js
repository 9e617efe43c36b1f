/* MiLES iCalendar writer (RFC 5545): all-day events in one calendar file. Pure, like
   miles-planner-dates.js: the caller passes the events and the moment of writing. A classic
   script: window.MilesIcs in the browser, the module's exports under node. */
(function (api) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = api;
  else window.MilesIcs = api;
})((function () {
  "use strict";

  var LIMIT = 75; /* octets per line, without the line break (RFC 5545 §3.1) */

  /* TEXT values escape backslash, semicolon and comma, and write line breaks as \n (§3.3.11). */
  function escapeText(text) {
    return String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n");
  }

  /* Octets of one Unicode code point in UTF-8. */
  function utf8Length(codePoint) {
    if (codePoint < 0x80) return 1;
    if (codePoint < 0x800) return 2;
    if (codePoint < 0x10000) return 3;
    return 4;
  }

  /* Fold a content line so that no line is longer than 75 octets of UTF-8. A continuation line
     starts with one space, which counts too. The fold never falls inside a character: a
     typographic quote is three octets, and cutting it would leave invalid UTF-8 on both lines. */
  function foldLine(line) {
    var lines = [];
    var current = "";
    var octets = 0;
    for (var character of line) { /* for-of walks code points, not UTF-16 halves */
      var size = utf8Length(character.codePointAt(0));
      if (octets + size > LIMIT) {
        lines.push(current);
        current = " ";
        octets = 1;
      }
      current += character;
      octets += size;
    }
    lines.push(current);
    return lines.join("\r\n");
  }

  function dateValue(date) {
    return date.toISOString().slice(0, 10).replace(/-/g, "");
  }

  function stamp(now) {
    return now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  }

  /* The whole file. Each event: uid, start and end (end exclusive, as RFC 5545 wants for
     all-day events), summary and description. Lines end with CRLF, the last one too. */
  function calendar(options) {
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + options.productId,
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + escapeText(options.name)];
    options.events.forEach(function (event) {
      lines.push("BEGIN:VEVENT",
        "UID:" + event.uid,
        "DTSTAMP:" + stamp(options.now),
        "DTSTART;VALUE=DATE:" + dateValue(event.start),
        "DTEND;VALUE=DATE:" + dateValue(event.end),
        "SUMMARY:" + escapeText(event.summary),
        "DESCRIPTION:" + escapeText(event.description),
        "TRANSP:TRANSPARENT",
        "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(foldLine).join("\r\n") + "\r\n";
  }

  return { escapeText: escapeText, foldLine: foldLine, calendar: calendar };
})());
