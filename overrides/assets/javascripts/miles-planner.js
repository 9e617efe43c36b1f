/* MiLES Poortwachter planner, the page part: reads the form, shows the employer's own dates,
   marks wrong dates and offers an .ics file. The arithmetic lives in miles-planner-dates.js and
   the calendar format in miles-ics.js; every week number and the recovery limit come from the
   data inlined in the page. The dates never leave the device. The form is in the page from the
   start (shown by CSS when scripts run, so nothing moves when this script arrives); without
   scripts the page shows the same steps as a table in weeks. */
(function (dates, ics) {
  "use strict";

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

  /* Mark a field as wrong, with its message linked through aria-describedby, or clear it. The
     field keeps its other descriptions (the hint) after the message. */
  function setError(input, message) {
    var id = input.id + "-error";
    var note = document.getElementById(id);
    var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (ref) {
      return ref && ref !== id;
    });
    if (message) {
      note.textContent = message;
      note.hidden = false;
      input.setAttribute("aria-invalid", "true");
      described.unshift(id);
    } else {
      note.textContent = "";
      note.hidden = true;
      input.removeAttribute("aria-invalid");
    }
    if (described.length) input.setAttribute("aria-describedby", described.join(" "));
    else input.removeAttribute("aria-describedby");
  }

  function errorNote(id) {
    var note = el("p", "miles-planner__error");
    note.id = id + "-error";
    note.hidden = true;
    return note;
  }

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
    this.addButton = root.querySelector('[data-miles-action="add-period"]');
    this.staticTable = document.querySelector("[data-miles-static]");
    this.nextId = 1; /* ids stay unique when a break is removed and another added */
    this.rows = [];
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
    this.addButton.addEventListener("click", function () { self.addPeriod(); });
    root.querySelector('[data-miles-action="print"]').addEventListener("click", function () {
      window.print();
    });
    this.icsButton.addEventListener("click", function () { self.download(); });
    if (this.start.value) update(); /* the browser may restore a value on Back */
  }

  Planner.prototype.addPeriod = function () {
    var self = this;
    var id = this.nextId;
    this.nextId += 1;
    var group = el("fieldset", "miles-planner__period");
    group.appendChild(el("legend"));
    [["recovered", "Weer aan het werk (hersteld) op"], ["sick", "Opnieuw ziek gemeld op"]]
      .forEach(function (pair) {
        var fieldId = "miles-planner-" + pair[0] + "-" + id;
        var field = el("div", "miles-item miles-item--date");
        var label = el("label", null, pair[1]);
        label.htmlFor = fieldId;
        var input = el("input");
        input.type = "date";
        input.id = fieldId;
        input.name = pair[0];
        field.appendChild(label);
        field.appendChild(input);
        field.appendChild(errorNote(fieldId));
        group.appendChild(field);
      });
    var remove = el("button", "md-button miles-planner__remove");
    remove.type = "button";
    remove.addEventListener("click", function () {
      group.remove();
      self.renumber();
      self.update();
      self.addButton.focus();
    });
    group.appendChild(remove);
    this.periods.appendChild(group);
    this.renumber();
    group.querySelector("input").focus();
  };

  Planner.prototype.renumber = function () {
    Array.prototype.forEach.call(this.periods.children, function (group, index) {
      group.querySelector("legend").textContent = "Onderbreking " + (index + 1);
      group.querySelector(".miles-planner__remove").textContent =
        "Onderbreking " + (index + 1) + " verwijderen";
    });
  };

  /* Read the breaks, mark each wrong field with its message and return the valid breaks. */
  Planner.prototype.readBreaks = function (start) {
    var groups = Array.prototype.slice.call(this.periods.children);
    var inputs = groups.map(function (group) {
      return {
        recovered: group.querySelector('input[name="recovered"]'),
        sick: group.querySelector('input[name="sick"]')
      };
    });
    var checked = dates.checkBreaks(start, inputs.map(function (pair) {
      return { recovered: pair.recovered.value, sick: pair.sick.value };
    }));
    var messages = inputs.map(function () { return {}; });
    checked.problems.forEach(function (problem) {
      messages[problem.index][problem.field] = problem.message;
    });
    inputs.forEach(function (pair, index) {
      setError(pair.recovered, messages[index].recovered);
      setError(pair.sick, messages[index].sick);
    });
    return checked;
  };

  Planner.prototype.update = function () {
    var start = dates.parseDate(this.start.value);
    this.rowsBody.textContent = "";
    this.explain.textContent = "";
    if (!start) {
      var wrong = this.start.value ? "Vul bij 'Eerste ziektedag' een datum in, zoals 30-12-2027." : "";
      setError(this.start, wrong);
      this.result.hidden = true;
      if (this.staticTable) this.staticTable.hidden = false;
      this.icsButton.disabled = true;
      this.rows = [];
      this.status.textContent = wrong;
      return;
    }
    setError(this.start, "");
    var input = this.readBreaks(start);
    var counted = dates.countedPeriods(start, input.breaks, this.data.add_up_below_days);
    this.rows = dates.stepRows(this.data.steps, counted.periods);
    this.countStart = counted.periods[0].from;
    var state = dates.progress(this.rows, dates.localDay(new Date()));
    this.render(state);
    this.explain.textContent = dates.describeBreaks(counted.notes, this.data.add_up_below_days,
      this.data.new_period_weeks).join(" ");
    this.result.hidden = false;
    if (this.staticTable) this.staticTable.hidden = true;
    this.icsButton.disabled = false;
    this.announce(state, input.problems);
  };

  Planner.prototype.render = function (state) {
    var self = this;
    this.root.querySelector("[data-miles-start-text]").textContent =
      dates.dutchDate(this.countStart);
    this.rows.forEach(function (item, index) {
      var tr = el("tr");
      tr.setAttribute("data-step", item.step.id);
      tr.setAttribute("data-date", dates.iso(item.date));
      if (item.end) tr.setAttribute("data-end", dates.iso(item.end));
      var when = el("td", "miles-planner__date", item.end
        ? dates.dutchDate(item.date) + " tot en met " + dates.dutchDate(item.end)
        : dates.dutchDate(item.date));
      var badge = null;
      if (state.past[index]) {
        tr.className = "is-past";
        badge = "Voorbij";
      } else if (index === state.next) {
        tr.className = "is-next";
        badge = "Volgende stap";
      }
      var what = el("td");
      if (badge) {
        what.appendChild(el("span", "miles-planner__badge", badge));
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
  };

  /* One polite message for screen readers: wrong dates first, then what changed. */
  Planner.prototype.announce = function (state, problems) {
    var parts = [];
    if (problems.length) {
      parts.push((problems.length === 1 ? "Let op, 1 datum klopt niet. "
        : "Let op, " + problems.length + " datums kloppen niet. ") +
        problems.map(function (problem) { return problem.message; }).join(" ") +
        " Een onderbreking met een fout telt niet mee.");
    }
    parts.push("De tijdlijn is bijgewerkt: " + this.rows.length + " stappen.");
    var next = state.next >= 0 ? this.rows[state.next] : null;
    parts.push(next ? "Volgende stap: " + next.label + ", " + dates.dutchDate(next.date) + "."
      : "Alle stappen liggen in het verleden.");
    this.status.textContent = parts.join(" ");
  };

  Planner.prototype.download = function () {
    if (!this.rows.length) return;
    var text = ics.calendar({
      productId: "-//MiLES//Poortwachter planner//NL",
      name: "Poortwachter-tijdlijn",
      now: new Date(),
      events: dates.calendarEvents(this.rows, this.countStart)
    });
    var url = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
    var anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = "poortwachter-tijdlijn-" + dates.iso(this.countStart) + ".ics";
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
      if (script && !root.milesPlanner) {
        root.milesPlanner = new Planner(root, JSON.parse(script.textContent));
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})(window.MilesPlannerDates, window.MilesIcs);
