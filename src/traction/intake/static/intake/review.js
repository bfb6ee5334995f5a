// Review screen: "select all", optional keyboard shortcuts in the list of proposals (j/k move between
// proposals, x selects, a accepts, r rejects, e corrects), and the source pane kept on the passage of the
// proposal in focus. The page works fully without this file. The screen is set up again when htmx swaps
// it in place (choosing the meeting).
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  // On a wide screen the source pane stays in view beside the proposals and scrolls on its own: bring the
  // passage of the proposal in focus into it, scrolling the pane only, never the page.
  function followSource(form) {
    var pane = document.querySelector(".intake-source");
    if (!pane) { return; }
    form.addEventListener("focusin", function (event) {
      var proposal = event.target.closest ? event.target.closest("[data-source]") : null;
      var line = proposal && document.getElementById(proposal.getAttribute("data-source"));
      if (!line || !pane.contains(line)) { return; }
      pane.querySelectorAll(".intake-source__line--current").forEach(function (el) {
        el.classList.remove("intake-source__line--current");
      });
      line.classList.add("intake-source__line--current");
      if (pane.scrollHeight > pane.clientHeight) {
        var offset = line.getBoundingClientRect().top - pane.getBoundingClientRect().top;
        pane.scrollTop += offset - pane.clientHeight / 3;
      }
    });
  }
  function afterSwap(event) {
    var screen = event.detail && event.detail.target;
    if (!screen || screen.id !== "review-screen") { return; }
    var fresh = document.getElementById("review-screen");
    var told = fresh && fresh.querySelector("[data-error-summary], [data-notice]");
    if (told) { told.focus(); }
    setUp();
  }
  ready(function () {
    setUp();
    document.body.addEventListener("htmx:afterSettle", afterSwap);
  });
  function setUp() {
    var form = document.querySelector("[data-review-form]");
    if (!form) { return; }
    followSource(form);
    var all = form.querySelector("[data-select-all]");
    if (all) {
      all.addEventListener("change", function () {
        form.querySelectorAll("[data-select]").forEach(function (box) { box.checked = all.checked; });
      });
    }
    var proposals = Array.prototype.slice.call(form.querySelectorAll("[data-proposal]"));
    var current = -1;
    function focusProposal(index) {
      if (!proposals.length) { return; }
      current = Math.max(0, Math.min(proposals.length - 1, index));
      proposals.forEach(function (p, i) { p.classList.toggle("intake-proposal--current", i === current); });
      var box = proposals[current].querySelector("[data-select]");
      (box || proposals[current]).focus();
      proposals[current].scrollIntoView({block: "nearest"});
    }
    function within(event) {
      var index = proposals.findIndex(function (p) { return p.contains(event.target); });
      return index >= 0 ? index : current;
    }
    // Single-character shortcuts are off unless the reviewer turns them on (WCAG 2.1.4), and then act
    // only while the focus is in the list of proposals. The choice is remembered in this browser.
    var toggle = document.querySelector("[data-use-shortcuts]");
    var KEY = "traction.review.shortcuts";
    var enabled = false;
    try { enabled = window.localStorage.getItem(KEY) === "on"; } catch (e) { enabled = false; }
    if (toggle) {
      toggle.checked = enabled;
      toggle.addEventListener("change", function () {
        enabled = toggle.checked;
        try { window.localStorage.setItem(KEY, enabled ? "on" : "off"); } catch (e) { /* private mode */ }
      });
    }
    form.addEventListener("keydown", function (event) {
      if (!enabled) { return; }
      var tag = (event.target.tagName || "").toLowerCase();
      if (event.ctrlKey || event.metaKey || event.altKey || tag === "textarea" || tag === "select" ||
          (tag === "input" && event.target.type !== "checkbox")) { return; }
      var index = within(event);
      var proposal = proposals[index];
      var click = function (selector) { var el = proposal && proposal.querySelector(selector); if (el) { el.click(); } };
      switch (event.key) {
        case "j": focusProposal(index + 1); break;
        case "k": focusProposal(index < 0 ? 0 : index - 1); break;
        case "x": click("[data-select]"); break;
        case "a": click("[data-accept]"); break;
        case "r": click("[data-reject]"); break;
        case "e": click("[data-edit]"); break;
        default: return;
      }
      event.preventDefault();
    });
  }
})();
