/* MiLES checklists: keep answers in this browser only (localStorage, per checklist and version),
   restore them on return, clear them on request, and print. Nothing is ever sent anywhere.
   Without this script the form still works and prints; it just does not remember answers. */
(function () {
  "use strict";

  var PREFIX = "miles-checklist:";

  function openStorage() {
    try {
      var storage = window.localStorage;
      var probe = PREFIX + "probe";
      storage.setItem(probe, "1");
      storage.removeItem(probe);
      return storage;
    } catch (error) {
      return null; /* file:// in some browsers, private mode, or storage switched off */
    }
  }

  function collect(form) {
    var answers = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name) return;
      if (field.type === "checkbox") {
        answers[field.name] = field.checked;
      } else if (field.type === "radio") {
        if (field.checked) answers[field.name] = field.value;
      } else if (field.value) {
        answers[field.name] = field.value;
      }
    });
    return answers;
  }

  function apply(form, answers) {
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || !(field.name in answers)) return;
      var value = answers[field.name];
      if (field.type === "checkbox") field.checked = value === true;
      else if (field.type === "radio") field.checked = field.value === value;
      else field.value = value;
    });
  }

  function Checklist(form) {
    var self = this;
    this.form = form;
    this.key = PREFIX + form.getAttribute("data-miles-checklist") + ":v" +
      form.getAttribute("data-version");
    this.storage = openStorage();
    this.status = document.createElement("p");
    this.status.className = "miles-checklist__status";
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    var actions = form.querySelector("[data-miles-actions]");
    actions.hidden = false;
    actions.parentNode.insertBefore(this.status, actions.nextSibling);
    this.describeStorage();
    this.forgetOtherVersions();
    this.restore();
    form.addEventListener("input", function () { self.save(); });
    form.addEventListener("change", function () { self.save(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.querySelector('[data-miles-action="print"]').addEventListener("click", function () {
      window.print();
    });
    form.querySelector('[data-miles-action="clear"]').addEventListener("click", function () {
      self.clear();
    });
  }

  Checklist.prototype.describeStorage = function () {
    var note = this.form.querySelector("[data-miles-storage]");
    if (this.storage) {
      note.textContent = "Uw antwoorden worden alleen in deze browser op dit apparaat bewaard. " +
        "Ze worden nergens naartoe gestuurd. Gebruikt u een gedeelde computer? " +
        "Wis dan uw antwoorden als u klaar bent.";
    } else {
      note.textContent = "Deze browser kan uw antwoorden niet bewaren. U kunt de lijst wel " +
        "invullen en afdrukken. Als u de pagina sluit, zijn de antwoorden weg.";
      note.classList.add("miles-checklist__storage--off");
    }
  };

  /* Answers to an older version of the list no longer match its items: remove them. */
  Checklist.prototype.forgetOtherVersions = function () {
    if (!this.storage) return;
    var base = this.key.slice(0, this.key.lastIndexOf(":v") + 2);
    for (var index = this.storage.length - 1; index >= 0; index -= 1) {
      var key = this.storage.key(index);
      if (key && key.indexOf(base) === 0 && key !== this.key) this.storage.removeItem(key);
    }
  };

  Checklist.prototype.restore = function () {
    if (!this.storage) return;
    var saved = this.storage.getItem(this.key);
    if (!saved) return;
    try {
      apply(this.form, JSON.parse(saved));
      this.status.textContent = "Uw eerdere antwoorden staan weer ingevuld.";
    } catch (error) {
      this.storage.removeItem(this.key);
    }
  };

  Checklist.prototype.save = function () {
    if (!this.storage) return;
    try {
      this.storage.setItem(this.key, JSON.stringify(collect(this.form)));
    } catch (error) {
      this.status.textContent = "Uw antwoorden konden niet worden bewaard.";
    }
  };

  Checklist.prototype.clear = function () {
    if (!window.confirm("Wilt u alle antwoorden op deze lijst wissen? Dit kunt u niet ongedaan maken.")) {
      return;
    }
    this.form.reset();
    if (this.storage) this.storage.removeItem(this.key);
    this.status.textContent = "Alle antwoorden zijn gewist.";
  };

  function init() {
    document.querySelectorAll("form[data-miles-checklist]").forEach(function (form) {
      if (!form.milesChecklist) form.milesChecklist = new Checklist(form);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
