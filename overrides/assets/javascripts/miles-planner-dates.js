/* MiLES planner arithmetic: whole calendar days, the rule for adding up sick periods, the date of
   each Poortwachter step, and the Dutch sentences about them. No page and no clock: the caller
   passes "now", so node runs this same file in tests/js/ under several time zones.
   A classic script, not an ES module, so that it also runs from file://: in the browser it
   defines window.MilesPlannerDates, under node it is the module's exports. */
(function (api) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = api;
  else window.MilesPlannerDates = api;
})((function () {
  "use strict";

  var DAY = 86400000;

  /* Every date is midnight UTC of its calendar day. Adding days is then adding 24 hours, which
     daylight saving time can never shift, and a date means the same day in every time zone. */
  function utcDate(year, month, day) {
    var date = new Date(Date.UTC(year, month - 1, day));
    date.setUTCFullYear(year); /* Date.UTC maps the years 0-99 to 1900-1999 */
    var valid = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 &&
      date.getUTCDate() === day;
    return valid ? date : null;
  }

  /* A date field gives YYYY-MM-DD. Browsers without a date picker give the typed text, which
     Dutch readers write as 30-12-2027 (or with / or . between the parts), as the hint says. */
  function parseDate(text) {
    var value = String(text || "").trim();
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (match) return utcDate(+match[1], +match[2], +match[3]);
    match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
    if (match) return utcDate(+match[3], +match[2], +match[1]);
    return null;
  }

  function addDays(date, days) {
    return new Date(date.getTime() + days * DAY);
  }

  function daysBetween(from, to) {
    return Math.round((to.getTime() - from.getTime()) / DAY);
  }

  function iso(date) {
    return date.toISOString().slice(0, 10);
  }

  /* The reader's calendar day at the moment "now", in the time zone of their device. Taking the
     date from toISOString() would give tomorrow in the evening west of Greenwich. */
  function localDay(now) {
    return utcDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
  }

  var longDate = new Intl.DateTimeFormat("nl-NL", {
    weekday: "short", day: "numeric", month: "long", year: "numeric", timeZone: "UTC"
  });

  function dutchDate(date) {
    return longDate.format(date);
  }

  /* Monday to Friday. Public holidays are not skipped (the convention on the page says so). */
  function firstWorkingDay(date) {
    var weekday = date.getUTCDay(); /* 0 is Sunday, 5 Friday */
    if (weekday === 0) return addDays(date, 1);
    return weekday > 5 ? addDays(date, 2) : date;
  }

  /* The sick periods that count together. Periods add up when the recovery in between lasted
     fewer days than the limit from the data; otherwise the count starts again at the new sick
     report. Each note says what happened at one break, for the explanation under the form. */
  function countedPeriods(start, breaks, limit) {
    var periods = [{ from: start, until: null }];
    var notes = [];
    breaks.forEach(function (item) {
      var recovered = daysBetween(item.recovered, item.sick);
      periods[periods.length - 1].until = item.recovered;
      if (recovered < limit) {
        periods.push({ from: item.sick, until: null });
        notes.push({ addsUp: true, days: recovered, sick: item.sick });
      } else {
        periods = [{ from: item.sick, until: null }];
        notes.push({ addsUp: false, days: recovered, sick: item.sick });
      }
    });
    return { periods: periods, notes: notes };
  }

  /* The calendar date of counted sick day "number" (day 1 is the first sick day). */
  function sickDay(periods, number) {
    var left = number - 1;
    for (var index = 0; index < periods.length; index += 1) {
      var period = periods[index];
      var length = period.until ? daysBetween(period.from, period.until) : Infinity;
      if (left < length) return addDays(period.from, left);
      left -= length;
    }
    return null;
  }

  function row(step, date, end, week, label) {
    return { step: step, date: date, end: end, week: week, label: label };
  }

  /* One function per counting rule of data/timeline.yml ('convention' explains them). Week n
     runs from day 7(n - 1) + 1 to day 7n. Each returns the rows of one step. */
  var RULES = {
    "dag": function (step, periods) {
      return [row(step, sickDay(periods, step.day), null, "Dag " + step.day, step.label)];
    },
    "einde-week": function (step, periods) {
      return [row(step, sickDay(periods, step.week * 7), null, "Week " + step.week, step.label)];
    },
    "begin-week": function (step, periods) {
      return [row(step, sickDay(periods, (step.week - 1) * 7 + 1), null, "Begin week " + step.week,
        step.label)];
    },
    /* The first working day after week n: on or after day 7n + 1, Monday to Friday. */
    "werkdag-na-week": function (step, periods) {
      return [row(step, firstWorkingDay(sickDay(periods, step.week * 7 + 1)), null,
        "Na week " + step.week, step.label)];
    },
    "periode": function (step, periods) {
      return [row(step, sickDay(periods, (step.week - 1) * 7 + 1), sickDay(periods, step.until_week * 7),
        "Week " + step.week + "–" + step.until_week, step.label)];
    },
    "herhaal": function (step, periods) {
      var rows = [];
      for (var week = step.week, count = 1; week <= step.until_week;
        week += step.every_weeks, count += 1) {
        rows.push(row(step, sickDay(periods, week * 7), null, "Week " + week,
          step.label + " " + count));
      }
      return rows;
    }
  };

  /* The planner's rows: one per step, one per repetition of a repeated step. A rule this file
     does not know is an error, never a silently missing deadline. */
  function stepRows(steps, periods) {
    var rows = [];
    steps.forEach(function (step) {
      var rule = Object.prototype.hasOwnProperty.call(RULES, step.rule) ? RULES[step.rule] : null;
      if (!rule) throw new Error("Onbekende regel '" + step.rule + "' bij stap " + step.id);
      rows = rows.concat(rule(step, periods));
    });
    return rows;
  }

  /* Which rows lie in the past on "today" (a day from localDay) and which is the next step. */
  function progress(rows, today) {
    var next = -1;
    var past = rows.map(function (item, index) {
      var isPast = (item.end || item.date) < today;
      if (!isPast && next < 0) next = index;
      return isPast;
    });
    return { past: past, next: next };
  }

  /* Check the breaks the reader typed: each recovery after the previous sick report, each new
     sick report after its recovery. Incomplete pairs are left out without a complaint; every
     problem names its break and field, so the page can mark that field. */
  function checkBreaks(start, entered) {
    var breaks = [];
    var problems = [];
    var previous = start;
    entered.forEach(function (pair, index) {
      var recovered = parseDate(pair.recovered);
      var sick = parseDate(pair.sick);
      var name = "Onderbreking " + (index + 1) + ": ";
      if (pair.recovered && !recovered) {
        problems.push({ index: index, field: "recovered",
          message: name + "vul bij 'weer aan het werk' een datum in, zoals 30-12-2027." });
      }
      if (pair.sick && !sick) {
        problems.push({ index: index, field: "sick",
          message: name + "vul bij 'opnieuw ziek gemeld' een datum in, zoals 30-12-2027." });
      }
      if (!recovered || !sick) return;
      if (recovered <= previous) {
        problems.push({ index: index, field: "recovered",
          message: name + "de hersteldatum moet na de vorige ziekmelding liggen." });
        return;
      }
      if (sick <= recovered) {
        problems.push({ index: index, field: "sick",
          message: name + "de nieuwe ziekmelding moet na de hersteldatum liggen." });
        return;
      }
      breaks.push({ recovered: recovered, sick: sick });
      previous = sick;
    });
    return { breaks: breaks, problems: problems };
  }

  function spellDays(total) {
    var weeks = Math.floor(total / 7);
    var days = total % 7;
    var weekText = weeks + (weeks === 1 ? " week" : " weken");
    var dayText = days + (days === 1 ? " dag" : " dagen");
    if (!days) return weekText;
    return weeks ? weekText + " en " + dayText : dayText;
  }

  /* One plain sentence per break: do the periods add up, or does a new period start? */
  function describeBreaks(notes, limit, newPeriodWeeks) {
    return notes.map(function (note) {
      var spelled = spellDays(note.days);
      if (note.addsUp) {
        return "Uw medewerker was " + spelled + " hersteld, minder dan " + spellDays(limit) +
          ": de ziekteperiodes tellen op en de datums schuiven " + note.days +
          (note.days === 1 ? " dag" : " dagen") + " op.";
      }
      return "Uw medewerker was " + spelled + " hersteld, " + spellDays(limit) +
        " of langer: op " + dutchDate(note.sick) + " begint een nieuwe periode van " +
        newPeriodWeeks + " weken.";
    });
  }

  /* The calendar entries for the rows: all-day events, the end day exclusive (RFC 5545). */
  function calendarEvents(rows, countStart) {
    return rows.map(function (item, index) {
      return {
        uid: "miles-" + item.step.id + "-" + (index + 1) + "-" + iso(item.date) + "@miles-toolbox",
        start: item.date,
        end: addDays(item.end || item.date, 1),
        summary: item.label,
        description: item.step.explanation + " Wie: " + item.step.who + ". (" + item.week +
          ", geteld vanaf de eerste ziektedag " + dutchDate(countStart) + ".) Bindende regels: UWV."
      };
    });
  }

  return {
    RULES: Object.keys(RULES),
    parseDate: parseDate,
    addDays: addDays,
    daysBetween: daysBetween,
    iso: iso,
    localDay: localDay,
    dutchDate: dutchDate,
    firstWorkingDay: firstWorkingDay,
    countedPeriods: countedPeriods,
    sickDay: sickDay,
    stepRows: stepRows,
    progress: progress,
    checkBreaks: checkBreaks,
    describeBreaks: describeBreaks,
    calendarEvents: calendarEvents
  };
})());
