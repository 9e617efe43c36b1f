/* MiLES Poortwachter planner: turns the legal steps (inlined from data/timeline.yml) into the
   employer's own dates, applies the rule for adding up sick periods, and exports an .ics file.
   Every week number and the recovery limit come from the page data; the dates never leave the
   device. Without this script the page shows the same steps as a table in weeks. */
(function () {
  "use strict";

  var DAY = 86400000;

  /* Dates are whole days in UTC, so that daylight saving time never shifts a deadline. */
  function parseDate(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    if (!match) return null;
    var date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
    return date.getUTCDate() === +match[3] ? date : null;
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

  var longDate = new Intl.DateTimeFormat("nl-NL", {
    weekday: "short", day: "numeric", month: "long", year: "numeric", timeZone: "UTC"
  });

  function dutch(date) {
    return longDate.format(date);
  }

  function today() {
    var now = new Date();
    return new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
  }

  /* The sick periods that count together, and the calendar date of the n-th counted sick day.
     Periods add up when the recovery in between is shorter than the limit from the data;
     otherwise the count starts again at the new sick report. */
  function countedPeriods(start, breaks, limit) {
    var periods = [{ from: start, until: null }];
    var notes = [];
    for (var index = 0; index < breaks.length; index += 1) {
      var item = breaks[index];
      var last = periods[periods.length - 1];
      var recovered = daysBetween(item.recovered, item.sick);
      last.until = item.recovered;
      if (recovered < limit) {
        periods.push({ from: item.sick, until: null });
        notes.push({ addsUp: true, days: recovered, sick: item.sick });
      } else {
        periods = [{ from: item.sick, until: null }];
        notes.push({ addsUp: false, days: recovered, sick: item.sick });
      }
    }
    return { periods: periods, notes: notes };
  }

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

  /* The first working day (Monday to Friday) on or after a date; public holidays are not
     skipped, as the convention in data/timeline.yml says. getUTCDay: 0 is Sunday. */
  function workingDayFrom(date) {
    var day = date;
    while (day.getUTCDay() === 0 || day.getUTCDay() > 5) day = addDays(day, 1);
    return day;
  }

  /* Rows of the timeline: one per step, and one per repetition of a repeated step. */
  function rowsFor(steps, periods) {
    var rows = [];
    steps.forEach(function (step) {
      if (step.rule === "dag") {
        rows.push(row(step, sickDay(periods, step.day), null, "Dag " + step.day, step.label));
      } else if (step.rule === "einde-week") {
        rows.push(row(step, sickDay(periods, step.week * 7), null, "Week " + step.week, step.label));
      } else if (step.rule === "begin-week") {
        rows.push(row(step, sickDay(periods, (step.week - 1) * 7 + 1), null,
          "Begin week " + step.week, step.label));
      } else if (step.rule === "werkdag-na-week") {
        rows.push(row(step, workingDayFrom(sickDay(periods, step.week * 7 + 1)), null,
          "Na week " + step.week, step.label));
      } else if (step.rule === "periode") {
        rows.push(row(step, sickDay(periods, (step.week - 1) * 7 + 1),
          sickDay(periods, step.until_week * 7), "Week " + step.week + "–" + step.until_week,
          step.label));
      } else if (step.rule === "herhaal") {
        var count = 1;
        for (var week = step.week; week <= step.until_week; week += step.every_weeks) {
          rows.push(row(step, sickDay(periods, week * 7), null, "Week " + week,
            step.label + " " + count));
          count += 1;
        }
      }
    });
    return rows;
  }

  function row(step, date, end, weekText, label) {
    return { step: step, date: date, end: end, week: weekText, label: label };
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function link(href, text) {
    var anchor = el("a", null, text);
    anchor.href = href;
    return anchor;
  }

  /* ---- iCalendar (RFC 5545) ------------------------------------------------------------ */

  function icsText(text) {
    return String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
      .replace(/\r?\n/g, "\\n");
  }

  function fold(line) {
    var out = [];
    var rest = line;
    while (rest.length > 73) {
      out.push(rest.slice(0, 73));
      rest = " " + rest.slice(73);
    }
    out.push(rest);
    return out.join("\r\n");
  }

  function icsDate(date) {
    return iso(date).replace(/-/g, "");
  }

  function calendar(rows, start) {
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//MiLES//Poortwachter planner//NL",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:Poortwachter-tijdlijn"];
    rows.forEach(function (item, index) {
      var last = item.end || item.date;
      var description = item.step.explanation + " Wie: " + item.step.who + ". (" + item.week +
        ", geteld vanaf de eerste ziektedag " + dutch(start) + ".) Bindende regels: UWV.";
      lines.push("BEGIN:VEVENT",
        "UID:miles-" + item.step.id + "-" + (index + 1) + "-" + icsDate(item.date) + "@miles-toolbox",
        "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + icsDate(item.date),
        "DTEND;VALUE=DATE:" + icsDate(addDays(last, 1)),
        "SUMMARY:" + icsText(item.label),
        "DESCRIPTION:" + icsText(description),
        "TRANSP:TRANSPARENT",
        "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  /* ---- The page ------------------------------------------------------------------------ */

  function Planner(root, data) {
    var self = this;
    this.root = root;
    this.data = data;
    this.form = root.querySelector("[data-miles-form]");
    this.start = root.querySelector("#miles-planner-start");
    this.periods = root.querySelector("[data-miles-periods]");
    this.result = root.querySelector("[data-miles-result]");
    this.rowsBody = root.querySelector("[data-miles-rows]");
    this.explain = root.querySelector("[data-miles-explain]");
    this.status = root.querySelector(".miles-planner__status");
    this.icsButton = root.querySelector('[data-miles-action="ics"]');
    this.staticTable = document.querySelector("[data-miles-static]");
    this.form.hidden = false;
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    /* Typing a date fires 'input'; picking one fires 'change'. Update on both, but only when
       something really changed, so that the live region is not repeated for every keystroke. */
    var update = function () {
      var key = Array.prototype.map.call(self.form.querySelectorAll("input"), function (input) {
        return input.value;
      }).join("|");
      if (key !== self.lastKey) {
        self.lastKey = key;
        self.update();
      }
    };
    this.form.addEventListener("input", update);
    this.form.addEventListener("change", update);
    root.querySelector('[data-miles-action="add-period"]').addEventListener("click", function () {
      self.addPeriod();
    });
    root.querySelector('[data-miles-action="print"]').addEventListener("click", function () {
      window.print();
    });
    this.icsButton.addEventListener("click", function () { self.download(); });
  }

  Planner.prototype.addPeriod = function () {
    var self = this;
    var number = this.periods.children.length + 1;
    var group = el("fieldset", "miles-planner__period");
    group.appendChild(el("legend", null, "Onderbreking " + number));
    [["recovered", "Weer aan het werk (hersteld) op"], ["sick", "Opnieuw ziek gemeld op"]]
      .forEach(function (pair) {
        var id = "miles-planner-" + pair[0] + "-" + number;
        var field = el("div", "miles-item miles-item--date");
        var label = el("label", null, pair[1]);
        label.htmlFor = id;
        var input = el("input");
        input.type = "date";
        input.id = id;
        input.name = pair[0];
        field.appendChild(label);
        field.appendChild(input);
        group.appendChild(field);
      });
    var remove = el("button", "md-button miles-planner__remove", "Onderbreking " + number + " verwijderen");
    remove.type = "button";
    remove.addEventListener("click", function () {
      group.remove();
      self.renumber();
      self.update();
      self.root.querySelector('[data-miles-action="add-period"]').focus();
    });
    group.appendChild(remove);
    this.periods.appendChild(group);
    group.querySelector("input").focus();
  };

  Planner.prototype.renumber = function () {
    Array.prototype.forEach.call(this.periods.children, function (group, index) {
      group.querySelector("legend").textContent = "Onderbreking " + (index + 1);
      group.querySelector(".miles-planner__remove").textContent =
        "Onderbreking " + (index + 1) + " verwijderen";
    });
  };

  Planner.prototype.readBreaks = function (start) {
    var breaks = [];
    var problems = [];
    var previous = start;
    Array.prototype.forEach.call(this.periods.children, function (group, index) {
      var recoveredInput = group.querySelector('input[name="recovered"]');
      var sickInput = group.querySelector('input[name="sick"]');
      var recovered = parseDate(recoveredInput.value);
      var sick = parseDate(sickInput.value);
      recoveredInput.removeAttribute("aria-invalid");
      sickInput.removeAttribute("aria-invalid");
      if (!recovered || !sick) return;
      if (recovered <= previous) {
        recoveredInput.setAttribute("aria-invalid", "true");
        problems.push("Onderbreking " + (index + 1) + ": de hersteldatum moet na de vorige ziekmelding liggen.");
        return;
      }
      if (sick <= recovered) {
        sickInput.setAttribute("aria-invalid", "true");
        problems.push("Onderbreking " + (index + 1) + ": de nieuwe ziekmelding moet na de hersteldatum liggen.");
        return;
      }
      breaks.push({ recovered: recovered, sick: sick });
      previous = sick;
    });
    return { breaks: breaks, problems: problems };
  };

  Planner.prototype.update = function () {
    var start = parseDate(this.start.value);
    this.rowsBody.textContent = "";
    this.explain.textContent = "";
    if (!start) {
      this.result.hidden = true;
      if (this.staticTable) this.staticTable.hidden = false;
      this.icsButton.disabled = true;
      this.rows = [];
      this.status.textContent = this.start.value ? "Vul een geldige datum in." : "";
      return;
    }
    var input = this.readBreaks(start);
    var counted = countedPeriods(start, input.breaks, this.data.add_up_below_days);
    this.rows = rowsFor(this.data.steps, counted.periods);
    this.countStart = counted.periods[0].from;
    this.render(start);
    this.explain.textContent = input.problems.concat(this.describe(counted.notes)).join(" ");
    this.result.hidden = false;
    if (this.staticTable) this.staticTable.hidden = true;
    this.icsButton.disabled = false;
    this.announce();
  };

  Planner.prototype.describe = function (notes) {
    var limit = this.data.add_up_below_days;
    var period = this.data.new_period_weeks;
    return notes.map(function (note) {
      var weeks = Math.floor(note.days / 7);
      var days = note.days % 7;
      var spell = weeks + (weeks === 1 ? " week" : " weken") +
        (days ? " en " + days + (days === 1 ? " dag" : " dagen") : "");
      if (note.addsUp) {
        return "Uw medewerker was " + spell + " hersteld, minder dan " + (limit / 7) +
          " weken: de ziekteperiodes tellen op en de datums schuiven " + note.days + " dagen op.";
      }
      return "Uw medewerker was " + spell + " hersteld, " + (limit / 7) + " weken of langer: " +
        "op " + dutch(note.sick) + " begint een nieuwe periode van " + period + " weken.";
    });
  };

  Planner.prototype.render = function (start) {
    var self = this;
    var now = today();
    var nextFound = false;
    this.root.querySelector("[data-miles-start-text]").textContent = dutch(this.countStart);
    this.rows.forEach(function (item) {
      var tr = el("tr");
      var last = item.end || item.date;
      tr.setAttribute("data-step", item.step.id);
      tr.setAttribute("data-date", iso(item.date));
      if (item.end) tr.setAttribute("data-end", iso(item.end));
      var when = el("td", "miles-planner__date");
      when.textContent = item.end ? dutch(item.date) + " tot en met " + dutch(item.end)
        : dutch(item.date);
      var status = null;
      if (last < now) {
        tr.className = "is-past";
        status = "Voorbij";
      } else if (!nextFound) {
        nextFound = true;
        tr.className = "is-next";
        status = "Volgende stap";
        self.next = item;
      }
      var what = el("td");
      if (status) {
        what.appendChild(el("span", "miles-planner__badge", status));
        what.appendChild(document.createTextNode(" "));
      }
      what.appendChild(el("strong", null, item.label));
      what.appendChild(el("span", "miles-planner__explanation", item.step.explanation));
      var more = el("td");
      if (item.step.page_href) more.appendChild(link(item.step.page_href, "Uitleg"));
      if (item.step.checklist_href) {
        if (item.step.page_href) more.appendChild(document.createElement("br"));
        more.appendChild(link(item.step.checklist_href, "Checklist"));
      }
      tr.appendChild(when);
      tr.appendChild(el("td", null, item.week));
      tr.appendChild(what);
      tr.appendChild(el("td", null, item.step.who));
      tr.appendChild(more);
      self.rowsBody.appendChild(tr);
    });
    if (!nextFound) this.next = null;
  };

  Planner.prototype.announce = function () {
    var text = "De tijdlijn is bijgewerkt: " + this.rows.length + " stappen.";
    if (this.next) {
      text += " Volgende stap: " + this.next.label + ", " + dutch(this.next.date) + ".";
    } else {
      text += " Alle stappen liggen in het verleden.";
    }
    this.status.textContent = text;
  };

  Planner.prototype.download = function () {
    if (!this.rows || !this.rows.length) return;
    var blob = new Blob([calendar(this.rows, this.countStart)], { type: "text/calendar;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = "poortwachter-tijdlijn-" + iso(this.countStart) + ".ics";
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    this.status.textContent = "Het agenda-bestand met " + this.rows.length +
      " afspraken is gedownload. Open het om de datums in uw agenda te zetten.";
  };

  function init() {
    document.querySelectorAll("[data-miles-planner]").forEach(function (root) {
      var script = root.querySelector(".miles-planner__data");
      if (script && !root.milesPlanner) root.milesPlanner = new Planner(root, JSON.parse(script.textContent));
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
