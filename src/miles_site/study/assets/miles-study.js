/* MiLES study edition: records which parts of the toolbox a signed-in participant uses, as xAPI
   1.0.3 statements. Each statement gets its id when it is made, waits in a queue on this device
   and goes to the trial's LRS in batches; a failed send is retried later with the same ids.
   Never recorded: checklist answers, planner dates, search words or anything else typed.
   This file exists only in the study edition. It watches the other MiLES scripts through the
   DOM (clicks, print, form events) and never changes what they do. */
(function () {
  "use strict";

  var S = window.milesStudySettings;
  if (!S || !window.fetch || !window.JSON || !window.crypto) return;

  var KEY = "miles-study:";
  var BATCH = 25;
  var DELAY_MS = 1500; /* statements made close together go out as one batch */
  var HOLD_MS = 3000; /* a batch another page sent while closing is left alone this long */
  var RETRY_MS = [5000, 30000, 120000, 300000];
  var HISTORY = 300;
  var script = document.currentScript;
  var siteRoot = new URL("../../", script ? script.src : location.href);

  /* ---- Storage on this device ------------------------------------------------------------ */

  function openStorage() {
    try {
      var storage = window.localStorage;
      storage.setItem(KEY + "probe", "1");
      storage.removeItem(KEY + "probe");
      return storage;
    } catch (error) {
      return null;
    }
  }

  var store = openStorage();

  function read(name, fallback) {
    if (!store) return fallback;
    try {
      var text = store.getItem(KEY + name);
      return text === null ? fallback : JSON.parse(text);
    } catch (error) {
      return fallback;
    }
  }

  function write(name, value) {
    if (!store) return false;
    try {
      store.setItem(KEY + name, JSON.stringify(value));
      return true;
    } catch (error) {
      return false;
    }
  }

  function forget(name) {
    if (store) store.removeItem(KEY + name);
  }

  function credential() {
    var cred = read("credential", null);
    return cred && cred.code && cred.pin ? cred : null;
  }

  function isPaused() {
    return read("paused", false) === true;
  }

  function queueOf(code) { return read("queue:" + code, []); }
  function sentOf(code) { return read("sent:" + code, []); }
  function refusedOf(code) { return read("refused:" + code, []); }

  /* ---- Statements -------------------------------------------------------------------------- */

  function uuid() {
    if (window.crypto.randomUUID) return window.crypto.randomUUID();
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 15) | 64;
    bytes[8] = (bytes[8] & 63) | 128;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function duration(ms) {
    var total = Math.max(0, Math.round(ms / 10)) / 100;
    var hours = Math.floor(total / 3600);
    var minutes = Math.floor((total % 3600) / 60);
    var seconds = Math.round((total % 60) * 100) / 100;
    return "PT" + (hours ? hours + "H" : "") + (minutes ? minutes + "M" : "") + seconds + "S";
  }

  function activity(path, type, name) {
    var item = { objectType: "Activity", id: S.siteUrl + path, definition: { type: S.types[type] } };
    if (name) item.definition.name = { "nl-NL": name };
    return item;
  }

  /* An address may hold a '%' that starts no escape (a typed or pasted one): decodeURI throws
     on it, and a page view ending at pagehide would then never be sent. */
  function decoded(text) {
    try {
      return decodeURI(text);
    } catch (error) {
      return text;
    }
  }

  function sitePath(pathname) {
    var path = decoded(pathname);
    var base = decoded(siteRoot.pathname);
    return path.indexOf(base) === 0 ? path.slice(base.length) : path.replace(/^\//, "");
  }

  /* The page as the site knows it. A static host shows its not-found page (where this script
     runs too) for any address it lacks; such an address may name a person or an illness, so it
     is recorded as the not-found page, never as typed. */
  function currentPage() {
    var path = sitePath(location.pathname);
    if (path === "" || path.slice(-1) === "/") path += "index.html";
    return S.pages[path] ? path : S.notFound;
  }

  function pageActivity(path) {
    var info = S.pages[path] || {};
    return activity(path, "page", info.title);
  }

  function make(verb, object, options) {
    var cred = credential();
    if (!cred || isPaused()) return null;
    options = options || {};
    var extensions = {};
    var phase = options.phase === undefined ? (S.pages[currentPage()] || {}).phase : options.phase;
    if (phase) extensions[S.extensions.phase] = phase;
    Object.keys(options.context || {}).forEach(function (name) {
      extensions[S.extensions[name]] = options.context[name];
    });
    var statement = {
      id: uuid(),
      actor: { objectType: "Agent", account: { homePage: S.siteUrl, name: cred.code } },
      verb: S.verbs[verb],
      object: object,
      timestamp: (options.at || new Date()).toISOString(),
      context: {
        platform: "MiLES studie-editie",
        language: "nl-NL",
        revision: S.contentVersion,
        contextActivities: { grouping: [{ objectType: "Activity", id: S.trialUrl,
          definition: { type: S.types.trial, name: { "nl-NL": "Onderzoek " + S.trialId } } }] },
        extensions: extensions
      }
    };
    if (options.parent) statement.context.contextActivities.parent = [options.parent];
    if (!Object.keys(extensions).length) delete statement.context.extensions;
    if (options.result) statement.result = options.result;
    var queue = queueOf(cred.code);
    queue.push(statement);
    write("queue:" + cred.code, queue);
    changed();
    schedule(DELAY_MS);
    return statement;
  }

  /* ---- Sending ----------------------------------------------------------------------------- */

  var sending = false;
  var timer = null;
  var failures = 0;
  var state = { problem: null, lastSent: null };

  function authHeader(cred) {
    return "Basic " + btoa(unescape(encodeURIComponent(cred.code + ":" + cred.pin)));
  }

  function headers(cred) {
    return {
      "Authorization": authHeader(cred),
      "X-Experience-API-Version": S.xapiVersion,
      "Content-Type": "application/json"
    };
  }

  function post(cred, batch, leaving) {
    return fetch(S.endpoint + "statements", {
      method: "POST",
      headers: headers(cred),
      body: JSON.stringify(batch),
      keepalive: !!leaving,
      credentials: "omit",
      cache: "no-store"
    }).then(function (response) { return response.status; }, function () { return 0; });
  }

  function schedule(ms) {
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(function () { timer = null; flush(false); }, ms);
  }

  function heldIds() {
    var hold = read("hold", null);
    return hold && hold.until > Date.now() ? hold.ids : [];
  }

  function hold(ids, add) {
    var held = heldIds().filter(function (id) { return ids.indexOf(id) < 0; });
    if (add) held = held.concat(ids);
    write("hold", { ids: held, until: Date.now() + HOLD_MS });
  }

  /* Move statements out of the queue into the list of sent (or refused) ones. */
  function settle(code, batch, listName) {
    var ids = batch.map(function (s) { return s.id; });
    write("queue:" + code, queueOf(code).filter(function (s) { return ids.indexOf(s.id) < 0; }));
    var list = read(listName + ":" + code, []).concat(batch);
    write(listName + ":" + code, list.slice(-HISTORY));
  }

  /* Send one statement at a time, after a batch was refused: a 409 means the LRS already has
     that id (an earlier send did arrive), so it counts as delivered. */
  function sendSingly(cred, batch) {
    var index = 0;
    function next() {
      if (index >= batch.length) return Promise.resolve("ok");
      var statement = batch[index];
      index += 1;
      return post(cred, [statement], false).then(function (status) {
        if (status === 200 || status === 204 || status === 409) {
          settle(cred.code, [statement], "sent");
          return next();
        }
        if (status === 400 || status === 422) {
          settle(cred.code, [statement], "refused");
          return next();
        }
        return status === 401 || status === 403 ? "auth" : "down";
      });
    }
    return next();
  }

  function flush(leaving) {
    var cred = credential();
    if (!cred || isPaused() || (sending && !leaving)) return;
    var held = heldIds();
    var batch = queueOf(cred.code).filter(function (s) { return held.indexOf(s.id) < 0; }).slice(0, BATCH);
    if (!batch.length) {
      if (queueOf(cred.code).length) schedule(HOLD_MS);
      return;
    }
    var ids = batch.map(function (s) { return s.id; });
    hold(ids, true);
    sending = true;
    post(cred, batch, leaving).then(function (status) {
      if (status === 200 || status === 204) {
        settle(cred.code, batch, "sent");
        return "ok";
      }
      if (status === 409 || status === 400 || status === 422) return sendSingly(cred, batch);
      return status === 401 || status === 403 ? "auth" : "down";
    }).then(function (outcome) {
      sending = false;
      hold(ids, false);
      state.problem = outcome === "ok" ? null : outcome;
      if (outcome === "ok") {
        failures = 0;
        state.lastSent = new Date();
        if (queueOf(cred.code).length) schedule(0);
      } else if (outcome === "down") {
        schedule(RETRY_MS[Math.min(failures, RETRY_MS.length - 1)]);
        failures += 1;
      }
      changed();
    });
  }

  /* ---- What the participant does ----------------------------------------------------------- */

  var view = null;

  function startView() {
    view = { at: new Date(), since: document.visibilityState === "hidden" ? null : Date.now(), active: 0 };
  }

  /* The page view ends when the reader leaves: its statement carries the time it was visible. */
  function endView() {
    if (!view) return;
    if (view.since !== null) view.active += Date.now() - view.since;
    make("viewed", pageActivity(currentPage()), {
      at: view.at,
      result: { duration: duration(view.active) }
    });
    view = null;
  }

  /* Per player on this page: the choices on the reader's route so far, as the player keeps
     them (Back takes the last one off, Restart clears them). */
  var runs = {};

  function sceneActivity(scenario, sceneId) {
    var scene = activity(scenario.path + "#scene-" + sceneId, "scene");
    scene.definition.interactionType = "choice";
    return scene;
  }

  /* Back undoes the last choice: recorded with the scene it returns to, so that the dose report
     counts only the choices that stand. Nothing is recorded for a choice that was not. */
  function onBack(id, whole) {
    var step = runs[id] ? runs[id].pop() : null;
    if (!step || !step.recorded) return;
    make("interacted", sceneActivity(S.scenarios[id], step.scene), {
      parent: whole,
      context: { action: "back", scene: step.scene }
    });
  }

  function onScenarioClick(event) {
    var target = event.target.closest ? event.target : null;
    var button = target && target.closest(
      ".miles-player__choice, .miles-player__restart, .miles-player__back");
    if (!button) return;
    var player = button.closest("[data-miles-player]");
    var id = player && player.getAttribute("data-miles-player");
    var scenario = id && S.scenarios[id];
    if (!scenario) return;
    if (button.classList.contains("miles-player__restart")) {
      delete runs[id];
      return;
    }
    var info = S.pages[scenario.path] || {};
    var whole = activity(scenario.path, "scenario", info.title);
    if (button.classList.contains("miles-player__back")) {
      onBack(id, whole);
      return;
    }
    /* Capture phase: the player has not moved on yet, so data-scene is the scene chosen in. */
    var sceneId = player.getAttribute("data-scene");
    var scene = scenario.scenes[sceneId];
    var buttons = Array.prototype.slice.call(player.querySelectorAll(".miles-player__choice"));
    var index = buttons.indexOf(button);
    var choice = scene && scene.choices[index];
    if (!choice) return;
    if (!runs[id]) {
      runs[id] = [];
      make("attempted", whole);
    }
    var answered = make("answered", sceneActivity(scenario, sceneId), {
      parent: whole,
      context: { scene: sceneId, choice: index },
      result: { response: String(index), extensions: qualityExtension(choice.quality) }
    });
    runs[id].push({ scene: sceneId, recorded: answered !== null });
    var next = scenario.scenes[choice.next];
    if (next && next.ending) {
      make("completed", whole, {
        result: { completion: true, extensions: endingExtension(choice.next) }
      });
    }
  }

  function qualityExtension(quality) {
    var result = {};
    result[S.extensions.quality] = quality;
    return result;
  }

  function endingExtension(sceneId) {
    var result = {};
    result[S.extensions.ending] = sceneId;
    return result;
  }

  function checklistOnPage() {
    var form = document.querySelector("form[data-miles-checklist]");
    var id = form && form.getAttribute("data-miles-checklist");
    return id && S.checklists[id] ? id : null;
  }

  function checklistActivity(id) {
    var info = S.checklists[id];
    return activity(info.path, "checklist", (S.pages[info.path] || {}).title);
  }

  var lastPrint = 0;

  function onBeforePrint() {
    var id = checklistOnPage();
    if (!id || Date.now() - lastPrint < 2000) return;
    lastPrint = Date.now();
    make("interacted", checklistActivity(id), { context: { action: "print" } });
  }

  function onLinkClick(event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link) return;
    var path = sitePath(new URL(link.getAttribute("href"), location.href).pathname);
    Object.keys(S.checklists).forEach(function (id) {
      var info = S.checklists[id];
      if (info.pdf !== path) return;
      var file = activity(path, "file", (S.pages[info.path] || {}).title + " (PDF)");
      make("downloaded", file, { parent: checklistActivity(id), phase: (S.pages[info.path] || {}).phase });
    });
  }

  var plannerUsed = false;

  /* Runs after the planner's own handler (it listens on its form, we on the document). */
  function onPlannerEvent(event) {
    var planner = event.target.closest ? event.target.closest("[data-miles-planner]") : null;
    if (!planner || plannerUsed) return;
    var result = planner.querySelector("[data-miles-result]");
    if (!result || result.hidden) return;
    plannerUsed = true;
    make("interacted", pageActivity(currentPage()), { context: { action: "planner" } });
  }

  /* A search counts once it has text and the reader acts on it: Enter, a result, or leaving
     the search box. The words themselves are never read, only whether there are any. */
  var searchPending = false;

  function isSearchBox(node) {
    return node && node.matches && node.matches(".md-search__input");
  }

  function onSearchInput(event) {
    if (isSearchBox(event.target)) searchPending = event.target.value.length > 0;
  }

  function searchMade() {
    if (!searchPending) return;
    searchPending = false;
    var search = activity("#zoeken", "search", "Zoeken op de site");
    make("interacted", search, { context: { action: "search" }, phase: null });
  }

  function onSearchKey(event) {
    if (isSearchBox(event.target) && event.key === "Enter") searchMade();
  }

  function onSearchLeave(event) {
    var inSearch = function (node) { return node && node.closest && node.closest(".md-search"); };
    if (inSearch(event.target) && !inSearch(event.relatedTarget)) searchMade();
  }

  function onSearchClick(event) {
    if (event.target.closest && event.target.closest(".md-search-result a")) searchMade();
  }

  /* ---- The bar on every page ---------------------------------------------------------------- */

  var listeners = [];

  function changed() {
    listeners.forEach(function (listener) { listener(); });
  }

  function link(path, text) {
    var anchor = document.createElement("a");
    anchor.href = new URL(path, siteRoot).href;
    anchor.textContent = text;
    return anchor;
  }

  function renderBar(bar) {
    var cred = credential();
    bar.textContent = "";
    var text = document.createElement("p");
    bar.appendChild(text);
    if (!store) {
      text.textContent = "Deze browser kan niets bewaren. Voor het onderzoek wordt niets bijgehouden. ";
      return;
    }
    if (!cred) {
      text.appendChild(document.createTextNode("Doet u mee aan het onderzoek? "));
      text.appendChild(link(S.studyPages.start, "Meld u dan eerst aan"));
      text.appendChild(document.createTextNode("."));
      return;
    }
    if (state.problem === "auth") {
      text.appendChild(document.createTextNode("Uw aanmelding werkt niet meer. "));
      text.appendChild(link(S.studyPages.start, "Meld u opnieuw aan"));
      text.appendChild(document.createTextNode("."));
      return;
    }
    text.appendChild(document.createTextNode(isPaused()
      ? "Het bijhouden voor het onderzoek is gepauzeerd. "
      : "U doet mee aan het onderzoek (code " + cred.code + "). We houden bij welke delen u gebruikt. "));
    text.appendChild(link(S.studyPages.tracked, "Wat wordt er bijgehouden?"));
  }

  function showBar() {
    var content = document.querySelector(".md-content");
    if (!content) return;
    var bar = document.createElement("div");
    bar.className = "miles-study-bar";
    bar.setAttribute("role", "region");
    bar.setAttribute("aria-label", "Onderzoek");
    content.insertBefore(bar, content.firstChild);
    var render = function () { renderBar(bar); };
    listeners.push(render);
    render();
  }

  /* ---- For the study pages (miles-study-pages.js) ------------------------------------------- */

  window.milesStudy = {
    settings: S,
    storageWorks: function () { return store !== null; },
    credential: credential,
    isPaused: isPaused,
    queue: function () { var c = credential(); return c ? queueOf(c.code) : []; },
    sent: function () { var c = credential(); return c ? sentOf(c.code) : []; },
    refused: function () { var c = credential(); return c ? refusedOf(c.code) : []; },
    problem: function () { return state.problem; },
    onChange: function (listener) { listeners.push(listener); },
    /* Check a code and PIN against the LRS: only a credential it accepts is kept. */
    check: function (code, pin) {
      return fetch(S.endpoint + "statements?limit=1", {
        headers: { "Authorization": authHeader({ code: code, pin: pin }), "X-Experience-API-Version": S.xapiVersion },
        credentials: "omit",
        cache: "no-store"
      }).then(function (response) { return response.status; }, function () { return 0; });
    },
    signIn: function (code, pin) {
      write("credential", { code: code, pin: pin });
      state.problem = null;
      if (!view) startView();
      changed();
      schedule(0);
    },
    signOut: function () {
      var cred = credential();
      if (cred) {
        forget("queue:" + cred.code);
        forget("sent:" + cred.code);
        forget("refused:" + cred.code);
      }
      forget("credential");
      forget("hold");
      changed();
    },
    pause: function (paused) {
      if (paused) endView(); /* the time read so far still counts; after this, nothing does */
      write("paused", paused);
      if (!paused) {
        startView();
        schedule(0);
      }
      changed();
    },
    send: function () { flush(false); }
  };

  /* ---- Start ---------------------------------------------------------------------------------- */

  function start() {
    showBar();
    startView();
    var id = checklistOnPage();
    if (id) make("opened", checklistActivity(id));
    flush(false);
  }

  document.addEventListener("click", onScenarioClick, true);
  document.addEventListener("click", onLinkClick, true);
  document.addEventListener("auxclick", onLinkClick, true);
  document.addEventListener("click", onSearchClick, true);
  document.addEventListener("change", onPlannerEvent);
  document.addEventListener("input", onPlannerEvent);
  document.addEventListener("input", onSearchInput, true);
  document.addEventListener("keydown", onSearchKey, true);
  document.addEventListener("focusout", onSearchLeave, true);
  window.addEventListener("beforeprint", onBeforePrint);
  window.addEventListener("online", function () { failures = 0; flush(false); });
  window.addEventListener("storage", function (event) {
    if (event.key && event.key.indexOf(KEY) === 0) changed();
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      searchMade();
      endView();
      flush(true);
    } else if (!view) {
      startView();
    }
  });
  window.addEventListener("pagehide", function () {
    searchMade();
    endView();
    flush(true);
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && !view) startView();
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
