// The iCalendar writer (overrides/assets/javascripts/miles-ics.js): RFC 5545 line folding in
// octets, escaping, and the shape of the file. Run by `make test` with node's test runner.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const ics = require("../../overrides/assets/javascripts/miles-ics.js");

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function octets(text) {
  return Buffer.byteLength(text, "utf8");
}

// Every physical line as bytes, as a calendar program reads the file.
function physicalLines(text) {
  const bytes = Buffer.from(text, "utf8");
  const lines = [];
  let from = 0;
  for (let index = 0; index < bytes.length - 1; index += 1) {
    if (bytes[index] === 0x0d && bytes[index + 1] === 0x0a) {
      lines.push(bytes.subarray(from, index));
      from = index + 2;
    }
  }
  assert.equal(from, bytes.length, "the file ends with CRLF");
  return lines;
}

function unfold(text) {
  return text.replace(/\r\n /g, "");
}

// A label as an author writes it: typographic quotes (3 octets each in UTF-8), a dash, an
// ellipsis, accented letters and an emoji outside the Basic Multilingual Plane (4 octets).
const DUTCH =
  "SUMMARY:Gesprek over ‘werk’ en „terugkeer” – met de bedrijfsarts… " +
  "Ëén afspraak, één café, ĳverig en 😊 ‘daarna’ „opnieuw” — ‘tot slot’ ‘nog één keer’";

test("folded lines are at most 75 octets and unfold to the original", () => {
  for (const line of [DUTCH, "DESCRIPTION:" + "a".repeat(300), "X:" + "é".repeat(100),
    "X:" + "😊".repeat(60), "SHORT:ok"]) {
    const folded = ics.foldLine(line);
    for (const physical of physicalLines(folded + "\r\n")) {
      assert.ok(physical.length <= 75, `${physical.length} octets: ${physical}`);
    }
    assert.equal(unfold(folded), line);
  }
});

test("a fold never cuts a character in two", () => {
  const folded = ics.foldLine(DUTCH);
  const lines = physicalLines(folded + "\r\n");
  assert.ok(lines.length >= 3, "the label is long enough to fold twice");
  for (const physical of lines) strictUtf8.decode(physical); // throws on a cut sequence
  // Continuation lines start with the space that marks them (it counts toward the 75 octets).
  for (const physical of lines.slice(1)) assert.equal(physical[0], 0x20);
});

test("lines are filled up to the limit, not folded early", () => {
  const lines = physicalLines(ics.foldLine("DESCRIPTION:" + "a".repeat(300)) + "\r\n");
  assert.deepEqual(lines.slice(0, 3).map((line) => line.length), [75, 75, 75]);
  // A three-octet quote that would end at octet 76 goes to the next line whole.
  const quote = "X:" + "a".repeat(71) + "„b";
  const [first, second] = physicalLines(ics.foldLine(quote) + "\r\n");
  assert.equal(first.length, 73);
  assert.equal(strictUtf8.decode(second), " „b");
});

test("text values escape backslash, semicolon, comma and line breaks", () => {
  assert.equal(ics.escapeText("a\\b;c,d\ne\r\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
});

test("a calendar holds all-day events with CRLF line ends", () => {
  const text = ics.calendar({
    productId: "-//MiLES//Test//NL",
    name: "Poortwachter-tijdlijn",
    now: new Date("2027-03-27T22:30:05.123Z"),
    events: [{
      uid: "miles-a-1@miles-toolbox",
      start: new Date(Date.UTC(2027, 9, 1)),
      end: new Date(Date.UTC(2027, 9, 15)),
      summary: "Eerste gesprek, met de bedrijfsarts; week 2",
      description: "‘Gesprek’ „bedrijfsarts” ".repeat(8),
    }],
  });
  const lines = physicalLines(text).map((line) => strictUtf8.decode(line));
  assert.equal(lines[0], "BEGIN:VCALENDAR");
  assert.equal(lines.at(-1), "END:VCALENDAR");
  const logical = unfold(text).split("\r\n");
  assert.ok(logical.includes("DTSTART;VALUE=DATE:20271001"));
  assert.ok(logical.includes("DTEND;VALUE=DATE:20271015"));
  assert.ok(logical.includes("DTSTAMP:20270327T223005Z"));
  assert.ok(logical.includes("SUMMARY:Eerste gesprek\\, met de bedrijfsarts\\; week 2"));
  assert.ok(logical.includes("DESCRIPTION:" + "‘Gesprek’ „bedrijfsarts” ".repeat(8)));
  for (const line of physicalLines(text)) assert.ok(line.length <= 75);
  assert.ok(lines.some((line) => line.startsWith(" ")), "the description was folded");
});
