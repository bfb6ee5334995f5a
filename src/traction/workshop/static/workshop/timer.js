/* Pair-listening timer: equal timed turns, two per round, for every round of the plan.
   Works from the keyboard (buttons, and Space / N / F while the timer has focus); no inline script. */
(function () {
  "use strict";

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function setUp(root) {
    var turnSeconds = parseInt(root.getAttribute("data-turn-seconds"), 10) || 300;
    var rounds = parseInt(root.getAttribute("data-rounds"), 10) || 1;
    var phase = root.querySelector("[data-timer-phase]");
    var clock = root.querySelector("[data-timer-clock]");
    var toggle = root.querySelector('[data-timer-action="toggle"]');
    var turn = 0;             // 0-based across all rounds: two turns per round
    var left = turnSeconds;
    var ticking = null;
    var endsAt = 0;

    function describe() {
      var round = Math.floor(turn / 2) + 1;
      var who = turn % 2 === 0 ? "first speaker" : "second speaker (swap over)";
      return "Round " + round + " of " + rounds + ", " + who + ".";
    }
    function draw() {
      var s = Math.max(0, Math.ceil(left));
      clock.textContent = Math.floor(s / 60) + ":" + pad(s % 60);
    }
    function announce(text) { phase.textContent = text; }
    function stop() {
      if (ticking) { window.clearInterval(ticking); ticking = null; }
      toggle.textContent = "Start";
    }
    function tick() {
      left = (endsAt - Date.now()) / 1000;
      if (left <= 0) {
        left = 0; draw(); stop();
        root.classList.add("workshop-timer--done");
        announce(turn + 1 >= rounds * 2 ? "Time. That was the last turn." : "Time. " +
                 "Press Next turn (or N) when the pairs are ready.");
        return;
      }
      draw();
    }
    function start() {
      if (left <= 0) { return; }
      endsAt = Date.now() + left * 1000;
      ticking = window.setInterval(tick, 250);
      toggle.textContent = "Pause";
      root.classList.remove("workshop-timer--done");
      announce(describe());
    }
    function next() {
      stop();
      if (turn + 1 >= rounds * 2) { announce("The session is over. Thank you."); return; }
      turn += 1; left = turnSeconds; draw();
      root.classList.remove("workshop-timer--done");
      announce(describe() + " Press Start.");
    }
    function fullscreen() {
      if (document.fullscreenElement) { document.exitFullscreen(); }
      else if (root.requestFullscreen) { root.requestFullscreen(); }
      toggle.focus();
    }
    function act(name) {
      if (name === "toggle") { if (ticking) { stop(); announce(describe() + " Paused."); } else { start(); } }
      else if (name === "next") { next(); }
      else if (name === "fullscreen") { fullscreen(); }
    }

    root.addEventListener("click", function (event) {
      var button = event.target.closest("[data-timer-action]");
      if (button) { act(button.getAttribute("data-timer-action")); }
    });
    root.setAttribute("tabindex", "-1");
    root.addEventListener("keydown", function (event) {
      if (event.target.tagName === "BUTTON" && (event.key === " " || event.key === "Enter")) { return; }
      if (event.key === " ") { event.preventDefault(); act("toggle"); }
      else if (event.key === "n" || event.key === "N") { act("next"); }
      else if (event.key === "f" || event.key === "F") { act("fullscreen"); }
    });
    draw();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var roots = document.querySelectorAll("[data-turn-seconds]");
    for (var i = 0; i < roots.length; i += 1) { setUp(roots[i]); }
  });
}());
