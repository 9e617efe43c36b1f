/* MiLES study edition: the sign-in form on "Meedoen aan het onderzoek" and the overview on
   "Wat wordt er bijgehouden?". Both pages explain everything without JavaScript too; then
   nothing is recorded. All text goes in through textContent. */
(function () {
  "use strict";

  var study = window.milesStudy;
  if (!study) return;

  /* The same rules as the credentials command that made the codes and PINs. */
  var CODE = new RegExp(study.settings.codePattern);
  var PIN = new RegExp(study.settings.pinPattern);

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function reveal(root) {
    var nojs = root.querySelector("[data-miles-study-nojs]");
    if (nojs) nojs.hidden = true;
  }

  /* ---- Sign in ------------------------------------------------------------------------------ */

  function SignIn(root) {
    var self = this;
    reveal(root);
    this.form = root.querySelector("[data-miles-study-form]");
    this.code = root.querySelector("#miles-study-code");
    this.pin = root.querySelector("#miles-study-pin");
    this.error = root.querySelector("[data-miles-study-error]");
    this.status = root.querySelector("[data-miles-study-status]");
    this.button = this.form.querySelector("button[type=submit]");
    if (!study.storageWorks()) {
      this.status.textContent = "Deze browser kan uw code niet bewaren. Daardoor kunt u niet " +
        "meedoen in deze browser. Probeer een andere browser, of zet het bewaren van gegevens aan.";
      return;
    }
    this.form.hidden = false;
    this.showSignedIn();
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.submit();
    });
  }

  SignIn.prototype.showSignedIn = function () {
    var cred = study.credential();
    if (cred) {
      this.status.textContent = "U bent aangemeld met code " + cred.code + ". Wilt u een andere " +
        "code gebruiken? Vul die dan hieronder in.";
    }
  };

  SignIn.prototype.fail = function (message, fields) {
    this.error.textContent = message;
    this.error.hidden = false;
    [this.code, this.pin].forEach(function (field) {
      if (fields.indexOf(field) >= 0) field.setAttribute("aria-invalid", "true");
      else field.removeAttribute("aria-invalid");
    });
    this.status.textContent = "";
    (fields[0] || this.error).focus();
  };

  SignIn.prototype.submit = function () {
    var self = this;
    var code = this.code.value.trim().toUpperCase();
    var pin = this.pin.value.replace(/\s+/g, "");
    this.error.hidden = true;
    var wrong = [];
    if (!CODE.test(code)) wrong.push(this.code);
    if (!PIN.test(pin)) wrong.push(this.pin);
    if (wrong.length) {
      this.fail(wrong.length === 2 ? "Vul de code en de pincode uit de brief in."
        : wrong[0] === this.code ? "Vul de code uit de brief in. Die bestaat uit letters, cijfers en streepjes."
          : "Vul de pincode uit de brief in. Die bestaat alleen uit cijfers.", wrong);
      return;
    }
    this.button.disabled = true;
    this.status.textContent = "Even controleren …";
    study.check(code, pin).then(function (status) {
      self.button.disabled = false;
      if (status === 200) {
        study.signIn(code, pin);
        self.pin.value = "";
        self.code.removeAttribute("aria-invalid");
        self.pin.removeAttribute("aria-invalid");
        self.status.textContent = "";
        self.status.appendChild(document.createTextNode("Gelukt. U bent aangemeld met code " + code +
          ". Vanaf nu houden we bij welke delen van MiLES u gebruikt. "));
        var home = el("a", null, "Ga naar de startpagina");
        home.href = new URL("../index.html", location.href).href;
        self.status.appendChild(home);
      } else if (status === 401 || status === 403) {
        self.fail("De code of de pincode klopt niet. Kijk goed in de brief en probeer het opnieuw. " +
          "Lukt het niet? Neem dan contact op met het onderzoeksteam.", [self.code, self.pin]);
      } else {
        self.fail("De server van het onderzoek is nu niet bereikbaar. Probeer het later opnieuw. " +
          "U kunt de site intussen gewoon gebruiken.", []);
      }
    });
  };

  /* ---- What is recorded --------------------------------------------------------------------- */

  var DESCRIBE = {
    viewed: "Pagina bekeken",
    attempted: "Oefengesprek begonnen",
    answered: "Keuze gemaakt",
    completed: "Einde van een oefengesprek",
    opened: "Checklist geopend",
    downloaded: "PDF gedownload"
  };
  var ACTIONS = {
    print: "Checklist afgedrukt",
    planner: "Planner gebruikt",
    search: "Gezocht (zonder zoekwoorden)",
    back: "Keuze teruggedraaid"
  };

  function verbName(statement) {
    var verbs = study.settings.verbs;
    return Object.keys(verbs).filter(function (name) { return verbs[name].id === statement.verb.id; })[0];
  }

  function extension(part, name) {
    var key = study.settings.extensions[name];
    return part && part.extensions ? part.extensions[key] : undefined;
  }

  function title(statement) {
    var name = statement.object.definition && statement.object.definition.name;
    var parents = statement.context.contextActivities.parent || [];
    var parent = parents[0] && parents[0].definition && parents[0].definition.name;
    return (name && name["nl-NL"]) || (parent && parent["nl-NL"]) || "";
  }

  function readable(iso) {
    var match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(iso || "");
    if (!match) return "";
    var parts = [];
    if (match[1]) parts.push(match[1] + " uur");
    if (match[2]) parts.push(match[2] + " min");
    parts.push(Math.round(parseFloat(match[3] || "0")) + " s");
    return parts.join(" ");
  }

  function describe(statement) {
    var verb = verbName(statement);
    var what = DESCRIBE[verb] || ACTIONS[extension(statement.context, "action")] || verb;
    var details = "";
    if (verb === "viewed") details = "Tijd op de pagina: " + readable(statement.result.duration);
    if (verb === "answered") {
      details = "Scène " + extension(statement.context, "scene") + ", keuze " +
        (extension(statement.context, "choice") + 1) + " (" + extension(statement.result, "quality") + ")";
    }
    if (verb === "completed") details = "Einde: scène " + extension(statement.result, "ending");
    if (extension(statement.context, "action") === "back") {
      details = "Terug naar scène " + extension(statement.context, "scene");
    }
    return { what: what, part: title(statement), details: details };
  }

  function Tracked(root) {
    var self = this;
    reveal(root);
    this.panel = root.querySelector("[data-miles-study-panel]");
    this.state = root.querySelector("[data-miles-study-state]");
    this.rows = root.querySelector("[data-miles-study-rows]");
    this.raw = root.querySelector("[data-miles-study-raw]");
    this.pauseButton = root.querySelector('[data-miles-study-action="pause"]');
    this.sendButton = root.querySelector('[data-miles-study-action="send"]');
    this.signOutButton = root.querySelector('[data-miles-study-action="signout"]');
    this.panel.hidden = false;
    this.pauseButton.addEventListener("click", function () { study.pause(!study.isPaused()); });
    this.sendButton.addEventListener("click", function () { study.send(); });
    this.signOutButton.addEventListener("click", function () { self.signOut(); });
    study.onChange(function () { self.render(); });
    this.render();
  }

  Tracked.prototype.signOut = function () {
    var waiting = study.queue().length;
    var question = waiting
      ? "Er staan nog " + waiting + " gegevens klaar die nog niet zijn verstuurd. Als u zich afmeldt, " +
        "worden ze gewist. Wilt u zich toch afmelden?"
      : "Wilt u zich afmelden op dit apparaat? Uw code en pincode worden dan gewist.";
    if (window.confirm(question)) study.signOut();
  };

  Tracked.prototype.render = function () {
    var self = this;
    var cred = study.credential();
    var waiting = study.queue();
    var lists = [[waiting, "Wacht op versturen"], [study.sent(), "Verstuurd"],
      [study.refused(), "Geweigerd door de server"]];
    var all = [];
    lists.forEach(function (pair) {
      pair[0].forEach(function (statement) { all.push({ statement: statement, status: pair[1] }); });
    });
    all.sort(function (a, b) { return a.statement.timestamp < b.statement.timestamp ? 1 : -1; });
    var text;
    if (!cred) {
      text = "U bent niet aangemeld op dit apparaat. Er wordt niets bijgehouden.";
    } else if (study.isPaused()) {
      text = "Het bijhouden is gepauzeerd. Er wordt niets bijgehouden en niets verstuurd.";
    } else {
      text = "U bent aangemeld met code " + cred.code + ". " +
        (waiting.length ? waiting.length + " gegevens wachten op versturen." : "Alle gegevens zijn verstuurd.");
      if (study.problem() === "down") text += " De server is nu niet bereikbaar; we proberen het later opnieuw.";
      if (study.problem() === "auth") text += " De server accepteert uw aanmelding niet meer.";
    }
    if (this.state.textContent !== text) this.state.textContent = text;
    this.pauseButton.textContent = study.isPaused() ? "Verder met bijhouden" : "Pauzeren";
    this.pauseButton.hidden = !cred;
    this.sendButton.hidden = !cred || study.isPaused() || !waiting.length;
    this.signOutButton.hidden = !cred;
    this.rows.textContent = "";
    all.forEach(function (item) {
      var info = describe(item.statement);
      var row = el("tr");
      row.appendChild(el("td", null, new Date(item.statement.timestamp).toLocaleString("nl-NL")));
      row.appendChild(el("td", null, info.what));
      row.appendChild(el("td", null, info.part));
      row.appendChild(el("td", null, info.details));
      row.appendChild(el("td", null, item.status));
      self.rows.appendChild(row);
    });
    if (!all.length) {
      var empty = el("tr");
      var cell = el("td", null, "Dit apparaat heeft nog geen gegevens.");
      cell.colSpan = 5;
      empty.appendChild(cell);
      this.rows.appendChild(empty);
    }
    this.raw.textContent = JSON.stringify(all.map(function (item) { return item.statement; }), null, 2);
  };

  function init() {
    var login = document.querySelector("[data-miles-study-login]");
    if (login && !login.milesStudy) login.milesStudy = new SignIn(login);
    var tracked = document.querySelector("[data-miles-study-tracked]");
    if (tracked && !tracked.milesStudy) tracked.milesStudy = new Tracked(tracked);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
