// The planner's arithmetic (overrides/assets/javascripts/miles-planner-dates.js), run by node's
// own test runner. `make test` runs this file once per time zone: UTC, Europe/Amsterdam,
// America/Santiago and Pacific/Auckland. Every expected date was worked out by hand; the
// comment above each case shows the sum. Day 1 is the first sick day; week n runs from day
// 7(n - 1) + 1 to day 7n.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const dates = require("../../overrides/assets/javascripts/miles-planner-dates.js");

const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

function day(text) {
  const parsed = dates.parseDate(text);
  assert.ok(parsed, `test date ${text} does not parse`);
  return parsed;
}

// The steps of data/timeline.yml that the cases below use, with the rule each one follows.
const STEPS = {
  ziekmelding: { id: "ziekmelding", rule: "dag", week: 1, day: 1 },
  arbodienst: { id: "arbodienst", rule: "einde-week", week: 1 },
  probleemanalyse: { id: "probleemanalyse", rule: "einde-week", week: 6 },
  planVanAanpak: { id: "plan-van-aanpak", rule: "einde-week", week: 8 },
  bedrijfsarts: { id: "bedrijfsarts", rule: "periode", week: 2, until_week: 3 },
  beginWeek42: { id: "begin-42", rule: "begin-week", week: 42 },
  melding42: { id: "melding-42e-week", rule: "werkdag-na-week", week: 42 },
  evaluatie: { id: "evaluatie", rule: "herhaal", week: 14, every_weeks: 6, until_week: 104 },
  eerstejaars: { id: "eerstejaarsevaluatie", rule: "periode", week: 46, until_week: 52 },
  wia: { id: "wia-aanvraag", rule: "einde-week", week: 93 },
  einde: { id: "einde-loondoorbetaling", rule: "einde-week", week: 104 },
};
for (const step of Object.values(STEPS)) step.label = step.id;

const LIMIT = 28; // data/timeline.yml: periods add up when the recovery lasted under 28 days

// The dates of one step (one per repetition) for a first sick day and breaks.
function datesOf(step, start, breaks = []) {
  const counted = dates.countedPeriods(
    day(start),
    breaks.map(([recovered, sick]) => ({ recovered: day(recovered), sick: day(sick) })),
    LIMIT,
  );
  return dates.stepRows([step], counted.periods).map((row) => ({
    date: dates.iso(row.date),
    end: row.end ? dates.iso(row.end) : null,
    week: row.week,
  }));
}

const CASES = [
  // Daylight saving time starts in Amsterdam on Sunday 28 March 2027 (a day of 23 hours).
  // First sick day Friday 26 March: day 7 = 26 + 6 = 1 April.
  ["Amsterdam spring, end of week 1", STEPS.arbodienst, "2027-03-26", "2027-04-01"],
  // Day 42 = 26 March + 41: 5 days to 31 March, 30 in April, 6 more = 6 May.
  ["Amsterdam spring, end of week 6", STEPS.probleemanalyse, "2027-03-26", "2027-05-06"],
  // Day 1 itself, the Friday before the change.
  ["Amsterdam spring, day 1", STEPS.ziekmelding, "2027-03-26", "2027-03-26"],
  // Day 288 = + 287: 5 to 31 March, then April-December 2027 hold 275 days (to 31 Dec, +280),
  // 7 more = 7 January 2028.
  ["Amsterdam spring, start of week 42", STEPS.beginWeek42, "2027-03-26", "2028-01-07"],
  // Day 295 = + 294 = 14 January 2028. 294 is 42 whole weeks, so it is a Friday again: a
  // working day, no shift.
  ["Amsterdam spring, working day after week 42", STEPS.melding42, "2027-03-26", "2028-01-14"],
  // Daylight saving time ends in Amsterdam on Sunday 31 October 2027 (a day of 25 hours).
  // First sick day Friday 29 October: day 7 = 4 November.
  ["Amsterdam autumn, end of week 1", STEPS.arbodienst, "2027-10-29", "2027-11-04"],
  // Day 295 = + 294: 2 to 31 Oct, 30 Nov (32), 31 Dec (63), 31 Jan (94), 29 Feb 2028 (123),
  // 31 Mar (154), 30 Apr (184), 31 May (215), 30 Jun (245), 31 Jul (276), 18 more = 18 August
  // 2028, a Friday.
  ["Amsterdam autumn, working day after week 42", STEPS.melding42, "2027-10-29", "2028-08-18"],
  // First sick day Saturday 30 October: day 295 = 19 August 2028, a Saturday; the first
  // working day on or after it is Monday 21 August.
  ["Saturday start, working day after week 42", STEPS.melding42, "2027-10-30", "2028-08-21"],
  // First sick day Sunday 31 October, the day the clocks go back: day 295 = Sunday 20 August
  // 2028, so Monday 21 August.
  ["Sunday start, working day after week 42", STEPS.melding42, "2027-10-31", "2028-08-21"],
  // Day 728 = + 727. 29 October 2027 + 366 (2028 is a leap year) = 29 October 2028, + 365 =
  // 29 October 2029 (+731); 4 days earlier = 25 October 2029.
  ["Amsterdam autumn, end of week 104", STEPS.einde, "2027-10-29", "2029-10-25"],
  // Santiago: clocks go back at midnight on Saturday 3 April 2027 (a day of 25 hours). First
  // sick day Friday 2 April: day 7 = 8 April.
  ["Santiago autumn, end of week 1", STEPS.arbodienst, "2027-04-02", "2027-04-08"],
  // Santiago: midnight does not exist on Sunday 5 September 2027 (00:00 becomes 01:00). First
  // sick day that Sunday: day 42 = + 41: 25 days to 30 September, 16 more = 16 October.
  ["Santiago spring, end of week 6", STEPS.probleemanalyse, "2027-09-05", "2027-10-16"],
  // Auckland: summer time starts on Sunday 26 September 2027. First sick day Friday 24
  // September: week 2 is day 8 (1 October) to day 14; week 3 ends on day 21 (14 October).
  ["Auckland spring, weeks 2 to 3", STEPS.bedrijfsarts, "2027-09-24", "2027-10-01", "2027-10-14"],
  // Auckland: summer time ends on Sunday 4 April 2027. First sick day Saturday 3 April: day 56
  // = 3 April + 55 = 28 May.
  ["Auckland autumn, end of week 8", STEPS.planVanAanpak, "2027-04-03", "2027-05-28"],
  // Year end: 30 December 2027 + 41 = 2 days to 1 January, 39 more = 9 February 2028.
  ["year end, end of week 6", STEPS.probleemanalyse, "2027-12-30", "2028-02-09"],
  // Day 651 = + 650: 1 January 2028 (+2), 1 January 2029 (+368), 282 more = 10 October 2029.
  ["year end, end of week 93", STEPS.wia, "2027-12-30", "2029-10-10"],
  // Leap day: 20 February 2028 + 9 = 29 February, + 10 = 1 March, + 41 = 1 April.
  ["leap year, end of week 6", STEPS.probleemanalyse, "2028-02-20", "2028-04-01"],
  // Weeks 46 to 52: day 316 (+315 = 31 December 2028) to day 364 (+363 = 17 February 2029).
  ["leap year, weeks 46 to 52", STEPS.eerstejaars, "2028-02-20", "2028-12-31", "2029-02-17"],
];

for (const [name, step, start, expected, end] of CASES) {
  test(`${name}: ${step.id} from ${start} is ${expected}`, () => {
    const found = datesOf(step, start)[0];
    assert.equal(found.date, expected);
    assert.equal(found.end, end || null);
  });
}

test("a repeated step falls at the end of every sixth week, numbered", () => {
  // From 20 February 2028: week 14 ends on day 98 (+97 = 27 May), week 20 on day 140 (+139 =
  // 8 July), week 26 on day 182 (+181 = 19 August). The last repetition is week 104 (day 728).
  const rows = datesOf(STEPS.evaluatie, "2028-02-20");
  assert.deepEqual(
    rows.slice(0, 3).map((row) => row.date),
    ["2028-05-27", "2028-07-08", "2028-08-19"],
  );
  assert.equal(rows.length, 16); // weeks 14, 20, ... 104: (104 - 14) / 6 + 1
  assert.equal(rows[15].week, "Week 104");
  const labels = dates.stepRows([STEPS.evaluatie], [{ from: day("2028-02-20"), until: null }]);
  assert.equal(labels[2].label, "evaluatie 3");
});

test("the working day after week 42 is said as such in the week column", () => {
  assert.equal(datesOf(STEPS.melding42, "2027-03-26")[0].week, "Na week 42");
});

// Recurrence: 4 January 2027 to 28 February = 56 sick days (days 1-56).
const BREAK_3_WEEKS = [["2027-03-01", "2027-03-22"]];

test("a recovery of 3 weeks adds the periods up", () => {
  // Day 651 is day 595 of the second period: 22 March 2027 + 594 = 5 November 2028.
  assert.equal(datesOf(STEPS.wia, "2027-01-04", BREAK_3_WEEKS)[0].date, "2028-11-05");
  // Steps before the break keep their date: 4 January + 41 = 14 February 2027.
  assert.equal(datesOf(STEPS.probleemanalyse, "2027-01-04", BREAK_3_WEEKS)[0].date, "2027-02-14");
});

test("the working day after week 42 shifts to Monday when the added-up count ends on a weekend", () => {
  // Sick again on Saturday 20 March 2027 after 19 days of recovery: the periods add up. Day 295
  // is day 239 of the second period: 20 March + 238 = 13 November 2027 (238 is 34 weeks, so a
  // Saturday again); the first working day is Monday 15 November.
  const found = datesOf(STEPS.melding42, "2027-01-04", [["2027-03-01", "2027-03-20"]])[0];
  assert.equal(found.date, "2027-11-15");
});

test("a recovery of 5 weeks, or of exactly 4, starts a new period", () => {
  // 1 March to 5 April: a new period from 5 April 2027; + 41 = 16 May.
  const five = datesOf(STEPS.probleemanalyse, "2027-01-04", [["2027-03-01", "2027-04-05"]]);
  assert.equal(five[0].date, "2027-05-16");
  // 1 to 29 March is 28 days: not fewer than 28, so a new period from 29 March; + 41 = 9 May.
  const four = datesOf(STEPS.probleemanalyse, "2027-01-04", [["2027-03-01", "2027-03-29"]]);
  assert.equal(four[0].date, "2027-05-09");
});

test("each break is explained in one Dutch sentence", () => {
  const counted = dates.countedPeriods(
    day("2027-01-04"),
    [
      { recovered: day("2027-03-01"), sick: day("2027-03-22") },
      { recovered: day("2027-05-03"), sick: day("2027-06-08") },
      { recovered: day("2027-07-01"), sick: day("2027-07-02") },
    ],
    LIMIT,
  );
  assert.deepEqual(dates.describeBreaks(counted.notes, LIMIT, 104), [
    "Uw medewerker was 3 weken hersteld, minder dan 4 weken: de ziekteperiodes tellen op en " +
      "de datums schuiven 21 dagen op.",
    "Uw medewerker was 5 weken en 1 dag hersteld, 4 weken of langer: op di 8 juni 2027 " +
      "begint een nieuwe periode van 104 weken.",
    "Uw medewerker was 1 dag hersteld, minder dan 4 weken: de ziekteperiodes tellen op en de " +
      "datums schuiven 1 dag op.",
  ]);
});

test("a rule the script does not know stops the planner instead of dropping the step", () => {
  assert.throws(
    () => dates.stepRows([{ id: "nieuw", rule: "einde-maand", week: 3 }], []),
    /Onbekende regel 'einde-maand' bij stap nieuw/,
  );
  assert.throws(() => dates.stepRows([{ id: "x", rule: "toString", week: 3 }], []), /Onbekende/);
});

test("every rule of the model is known", () => {
  assert.deepEqual(
    [...dates.RULES].sort(),
    ["begin-week", "dag", "einde-week", "herhaal", "periode", "werkdag-na-week"],
  );
});

test("dates parse from a date field and from typed Dutch dates; impossible dates do not", () => {
  assert.equal(dates.iso(day("2028-02-29")), "2028-02-29");
  assert.equal(dates.iso(day("30-12-2027")), "2027-12-30");
  assert.equal(dates.iso(day("5/1/2028")), "2028-01-05");
  assert.equal(dates.iso(day(" 1.3.2027 ")), "2027-03-01");
  assert.equal(dates.iso(day("0099-01-01")), "0099-01-01");
  for (const bad of ["", null, undefined, "2027-02-29", "31-04-2027", "2027-13-01", "2027-1-5",
    "30-12-27", "morgen", "2027-03-26T00:00"]) {
    assert.equal(dates.parseDate(bad), null, `${bad} should not parse`);
  }
});

test("a date means the same calendar day in every time zone", () => {
  const sunday = day("2027-09-05");
  assert.equal(sunday.toISOString(), "2027-09-05T00:00:00.000Z");
  assert.equal(dates.dutchDate(sunday), "zo 5 september 2027");
  assert.equal(dates.dutchDate(day("2027-03-28")), "zo 28 maart 2027");
  assert.equal(dates.daysBetween(day("2027-03-27"), day("2027-03-29")), 2);
  assert.equal(dates.iso(dates.addDays(day("2027-10-30"), 2)), "2027-11-01");
});

// The reader's day at 23:30 (and just after midnight) around each zone's clock change. Each
// instant is given in UTC with the calendar day it is in each zone.
const MOMENTS = [
  // 23:30 on Saturday 27 March in Amsterdam (UTC+1), the night the clocks go forward.
  ["2027-03-27T22:30:00Z", { "UTC": "2027-03-27", "Europe/Amsterdam": "2027-03-27",
    "America/Santiago": "2027-03-27", "Pacific/Auckland": "2027-03-28" }],
  // 00:30 on Sunday 31 October in Amsterdam (still UTC+2), the night the clocks go back.
  ["2027-10-30T22:30:00Z", { "UTC": "2027-10-30", "Europe/Amsterdam": "2027-10-31",
    "America/Santiago": "2027-10-30", "Pacific/Auckland": "2027-10-31" }],
  // 23:30 on Saturday 4 September in Santiago (UTC-4); half an hour later it is 01:00 on the
  // 5th. In UTC it is already the 5th: toISOString() would give the wrong day.
  ["2027-09-05T03:30:00Z", { "UTC": "2027-09-05", "Europe/Amsterdam": "2027-09-05",
    "America/Santiago": "2027-09-04", "Pacific/Auckland": "2027-09-05" }],
  // 23:30 on Saturday 25 September in Auckland (UTC+12), before summer time starts.
  ["2027-09-25T11:30:00Z", { "UTC": "2027-09-25", "Europe/Amsterdam": "2027-09-25",
    "America/Santiago": "2027-09-25", "Pacific/Auckland": "2027-09-25" }],
  // 23:30 on Sunday 4 April in Auckland (UTC+12 since 03:00 became 02:00 that morning).
  ["2027-04-04T11:30:00Z", { "UTC": "2027-04-04", "Europe/Amsterdam": "2027-04-04",
    "America/Santiago": "2027-04-04", "Pacific/Auckland": "2027-04-04" }],
];

for (const [instant, byZone] of MOMENTS) {
  test(`the reader's day at ${instant} in ${ZONE}`, (t) => {
    if (!(ZONE in byZone)) {
      t.skip(`no hand-worked day for ${ZONE}; make test runs the four zones`);
      return;
    }
    assert.equal(dates.iso(dates.localDay(new Date(instant))), byZone[ZONE]);
  });
}

test("a step on the first sick day is the next step, not past, at 23:30 that day", () => {
  // The reader fills in the planner at 23:30 local time on the first sick day. Built from
  // local parts, so each time zone checks its own 23:30 (in Santiago the UTC date is the 5th).
  for (const [year, month, date] of [[2027, 3, 27], [2027, 9, 4], [2027, 9, 25], [2027, 10, 30]]) {
    const now = new Date(year, month - 1, date, 23, 30);
    const start = dates.localDay(now);
    assert.equal(start.getUTCDate(), date);
    const rows = dates.stepRows([STEPS.ziekmelding, STEPS.arbodienst],
      [{ from: start, until: null }]);
    assert.deepEqual(dates.progress(rows, dates.localDay(now)), { past: [false, false], next: 0 });
    const nextMorning = new Date(year, month - 1, date + 1, 0, 30);
    assert.deepEqual(dates.progress(rows, dates.localDay(nextMorning)),
      { past: [true, false], next: 1 });
  }
});

test("a period is past only after its last day", () => {
  const rows = dates.stepRows([STEPS.bedrijfsarts], [{ from: day("2027-09-24"), until: null }]);
  assert.deepEqual(dates.progress(rows, day("2027-10-14")), { past: [false], next: 0 });
  assert.deepEqual(dates.progress(rows, day("2027-10-15")), { past: [true], next: -1 });
});

test("breaks in the wrong order are reported per field; incomplete ones are left out", () => {
  const start = day("2027-01-04");
  const checked = dates.checkBreaks(start, [
    { recovered: "2027-01-04", sick: "2027-02-01" }, // recovered on the first sick day
    { recovered: "2027-03-01", sick: "2027-02-20" }, // sick again before the recovery
    { recovered: "2027-04-01", sick: "" }, // not finished yet: no complaint
    { recovered: "1-5-2027", sick: "2027-05-20" }, // fine, typed the Dutch way
    { recovered: "mei", sick: "2027-06-20" }, // not a date
  ]);
  assert.deepEqual(
    checked.problems.map((p) => [p.index, p.field]),
    [[0, "recovered"], [1, "sick"], [4, "recovered"]],
  );
  assert.equal(
    checked.problems[1].message,
    "Onderbreking 2: de nieuwe ziekmelding moet na de hersteldatum liggen.",
  );
  assert.match(checked.problems[2].message, /^Onderbreking 5: vul bij 'weer aan het werk' een datum in/);
  assert.deepEqual(
    checked.breaks.map((b) => [dates.iso(b.recovered), dates.iso(b.sick)]),
    [["2027-05-01", "2027-05-20"]],
  );
});

test("calendar entries run from the first to the day after the last day", () => {
  const start = day("2027-09-24");
  const step = { ...STEPS.bedrijfsarts, explanation: "Gesprek.", who: "Bedrijfsarts" };
  const rows = dates.stepRows([step], [{ from: start, until: null }]);
  const [event] = dates.calendarEvents(rows, start);
  assert.equal(dates.iso(event.start), "2027-10-01");
  assert.equal(dates.iso(event.end), "2027-10-15");
  assert.equal(event.uid, "miles-bedrijfsarts-1-2027-10-01@miles-toolbox");
  assert.equal(
    event.description,
    "Gesprek. Wie: Bedrijfsarts. (Week 2–3, geteld vanaf de eerste ziektedag vr 24 september " +
      "2027.) Bindende regels: UWV.",
  );
});
