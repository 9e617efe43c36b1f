/* MiLES conversation player: turns the walkable transcript into one scene at a time.
   Progressive enhancement: without this script every scene is a section with links.
   The player reads each scene from that transcript (section#scene-<id>), so the page carries
   every line once and needs no request (works on file://). All text goes in through
   textContent. */
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function button(label, className) {
    var node = el("button", "md-button " + (className || ""), label);
    node.type = "button";
    return node;
  }

  function text(node) {
    return node ? node.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function map(nodes, read) {
    return Array.prototype.map.call(nodes, read);
  }

  /* The text of an element after its first child, such as a line after its speaker. */
  function rest(node, first) {
    return text(node).slice(text(first).length).trim();
  }

  /* One scene of the transcript, in the shape the player works with. */
  function readScene(section) {
    var ending = section.querySelector(".miles-ending");
    return {
      heading: text(section.querySelector("h3")),
      scene: text(section.querySelector(".miles-scene__direction")),
      video: section.querySelector("video"),
      prompt: text(section.querySelector(".miles-scene__prompt")),
      lines: map(section.querySelectorAll(".miles-line"), function (line) {
        var speaker = line.querySelector(".miles-line__speaker");
        return {
          name: text(speaker.firstChild),
          role: text(speaker.querySelector(".miles-line__role")).replace(/^\(|\)$/g, ""),
          text: rest(line, speaker)
        };
      }),
      choices: map(section.querySelectorAll(".miles-choice"), function (item) {
        var link = item.querySelector("a");
        var reason = item.querySelector(".miles-feedback p");
        var badge = reason.querySelector(".miles-quality");
        return {
          label: text(link),
          next: link.getAttribute("href").replace(/^#scene-/, ""),
          quality: text(badge).replace(/\.$/, ""),
          quality_slug: (badge.className.match(/miles-quality--(\S+)/) || ["", ""])[1],
          feedback: rest(reason, badge)
        };
      }),
      ending: ending && {
        title: text(ending.querySelector(".miles-ending__title")),
        text: text(ending.querySelector(".miles-ending__title + p")),
        takeaways: map(ending.querySelectorAll("li"), text)
      }
    };
  }

  function qualityBadge(choice) {
    return el("strong", "miles-quality miles-quality--" + choice.quality_slug,
      choice.quality.charAt(0).toUpperCase() + choice.quality.slice(1));
  }

  function Player(root, data) {
    this.root = root;
    this.data = data;
    this.scenes = {};
    this.history = [];
    this.build();
    this.show(data.start, null, false);
  }

  Player.prototype.build = function () {
    var self = this;
    var nojs = this.root.querySelector(".miles-player__nojs");
    if (nojs) nojs.hidden = true;
    var transcript = document.querySelector(".miles-transcript");
    if (transcript) transcript.removeAttribute("open");

    this.ui = el("div", "miles-player__ui");
    this.ui.setAttribute("role", "region");
    this.ui.setAttribute("aria-label", "Oefengesprek: " + this.data.title);
    this.feedback = el("div", "miles-player__feedback");
    this.feedback.setAttribute("role", "status");
    this.feedback.setAttribute("aria-live", "polite");
    this.title = el("h3", "miles-player__title");
    this.title.tabIndex = -1;
    this.stage = el("div", "miles-player__stage");
    this.actions = el("div", "miles-player__actions");
    var controls = el("div", "miles-player__controls");
    this.backButton = button("Vorige scène", "miles-player__back");
    this.restartButton = button("Opnieuw beginnen", "miles-player__restart");
    this.backButton.addEventListener("click", function () { self.back(); });
    this.restartButton.addEventListener("click", function () { self.restart(); });
    controls.appendChild(this.backButton);
    controls.appendChild(this.restartButton);
    [this.title, this.stage, this.feedback, this.actions, controls].forEach(function (part) {
      self.ui.appendChild(part);
    });
    this.root.appendChild(this.ui);
  };

  Player.prototype.scene = function (id) {
    if (!this.scenes[id]) this.scenes[id] = readScene(document.getElementById("scene-" + id));
    return this.scenes[id];
  };

  Player.prototype.show = function (id, choice, moveFocus) {
    var scene = this.scene(id);
    this.current = id;
    var video = this.stage.querySelector("video");
    if (video) video.pause();
    this.title.textContent = scene.heading;
    this.renderStage(scene);
    this.renderActions(scene);
    this.backButton.disabled = this.history.length === 0;
    this.root.setAttribute("data-scene", id);
    if (moveFocus) this.title.focus();
    this.announce(choice);
  };

  /* The feedback is announced after focus has moved, so that screen readers do not cut it off.
     Each scene cancels the feedback still waiting from the scene before: otherwise a quick Back
     or Restart would show the feedback of a choice the reader has just undone. */
  Player.prototype.announce = function (choice) {
    var self = this;
    var feedback = this.feedback;
    window.clearTimeout(this.pendingFeedback);
    this.pendingFeedback = null;
    feedback.textContent = "";
    feedback.className = "miles-player__feedback";
    if (!choice) return;
    this.pendingFeedback = window.setTimeout(function () {
      self.pendingFeedback = null;
      feedback.className = "miles-player__feedback miles-feedback--" + choice.quality_slug;
      var what = el("p", "miles-player__chosen");
      what.appendChild(el("span", "miles-player__chosen-label", "Uw keuze: "));
      what.appendChild(document.createTextNode(choice.label));
      var why = el("p");
      why.appendChild(qualityBadge(choice));
      why.appendChild(document.createTextNode(" " + choice.feedback));
      feedback.appendChild(what);
      feedback.appendChild(why);
    }, 60);
  };

  Player.prototype.renderStage = function (scene) {
    var stage = this.stage;
    stage.textContent = "";
    if (scene.scene) stage.appendChild(el("p", "miles-scene__direction", scene.scene));
    /* The transcript's video, with its sources and captions (a data: URI: Chromium refuses
       track files on file://). */
    if (scene.video) stage.appendChild(scene.video.cloneNode(true));
    var dialogue = el("div", "miles-dialogue miles-dialogue--illustrated");
    scene.lines.forEach(function (line) {
      var row = el("div", "miles-bubble miles-bubble--" + line.role);
      var avatar = el("span", "miles-bubble__avatar", line.name.charAt(0));
      avatar.setAttribute("aria-hidden", "true");
      var body = el("div", "miles-bubble__body");
      var who = el("p", "miles-bubble__who");
      who.appendChild(el("strong", null, line.name));
      who.appendChild(document.createTextNode(" (" + line.role + ")"));
      body.appendChild(who);
      body.appendChild(el("p", "miles-bubble__text", line.text));
      row.appendChild(avatar);
      row.appendChild(body);
      dialogue.appendChild(row);
    });
    stage.appendChild(dialogue);
  };

  Player.prototype.renderActions = function (scene) {
    var self = this;
    var actions = this.actions;
    actions.textContent = "";
    if (scene.choices.length) {
      var promptId = "miles-prompt-" + this.data.id;
      var prompt = el("p", "miles-player__prompt", scene.prompt);
      prompt.id = promptId;
      var group = el("div", "miles-player__choices");
      group.setAttribute("role", "group");
      group.setAttribute("aria-labelledby", promptId);
      scene.choices.forEach(function (choice, index) {
        var option = button(choice.label, "miles-player__choice");
        option.addEventListener("click", function () { self.choose(index); });
        group.appendChild(option);
      });
      actions.appendChild(prompt);
      actions.appendChild(group);
      return;
    }
    var ending = el("div", "miles-ending");
    ending.appendChild(el("p", "miles-ending__title", scene.ending.title));
    ending.appendChild(el("p", null, scene.ending.text));
    ending.appendChild(el("p", "miles-ending__label", "Wat u hieruit meeneemt:"));
    var takeaways = el("ul", "miles-ending__takeaways");
    scene.ending.takeaways.forEach(function (text) { takeaways.appendChild(el("li", null, text)); });
    ending.appendChild(takeaways);
    ending.appendChild(el("p", "miles-ending__label", "Uw route door het gesprek:"));
    var route = el("ol", "miles-route");
    this.history.forEach(function (step) {
      var choice = self.scene(step.scene).choices[step.choice];
      var item = el("li", "miles-route__step");
      item.appendChild(el("span", "miles-route__scene", self.scene(step.scene).heading + ". "));
      item.appendChild(document.createTextNode(choice.label + " "));
      item.appendChild(qualityBadge(choice));
      route.appendChild(item);
    });
    ending.appendChild(route);
    actions.appendChild(ending);
  };

  Player.prototype.choose = function (index) {
    var choice = this.scene(this.current).choices[index];
    this.history.push({ scene: this.current, choice: index });
    this.show(choice.next, choice, true);
  };

  Player.prototype.back = function () {
    var step = this.history.pop();
    if (step) this.show(step.scene, null, true);
  };

  Player.prototype.restart = function () {
    this.history = [];
    this.show(this.data.start, null, true);
  };

  function init() {
    document.querySelectorAll("[data-miles-player]").forEach(function (root) {
      var start = root.getAttribute("data-miles-start");
      if (!start || !document.getElementById("scene-" + start)) return;
      if (root.querySelector(".miles-player__ui")) return;
      root.milesPlayer = new Player(root, {
        id: root.getAttribute("data-miles-player"),
        title: root.getAttribute("data-miles-title"),
        start: start
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
