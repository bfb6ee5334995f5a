/* Small progressive enhancements; every page works without this file. Served from 'self' (strict CSP). */
(function () {
  "use strict";

  function focusErrorSummary(root) {
    var summary = (root || document).querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  }

  function wireSelectAll(root) {
    (root || document).querySelectorAll("[data-select-all]").forEach(function (box) {
      if (box.dataset.wired) { return; }
      box.dataset.wired = "1";
      box.hidden = false;
      var label = document.querySelector("label[for='" + box.id + "']");
      if (label) { label.hidden = false; }
      box.addEventListener("change", function () {
        document.querySelectorAll("input[name='" + box.dataset.selectAll + "']").forEach(function (other) {
          other.checked = box.checked;
        });
      });
    });
  }

  function wirePrint(root) {
    (root || document).querySelectorAll("[data-print]").forEach(function (button) {
      if (button.dataset.wired) { return; }
      button.dataset.wired = "1";
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // The main navigation on small screens: a "Menu" button shows and hides the groups of links (CSS hides the
  // button on wide screens, where the groups always show). Without this script the button stays hidden.
  function wireNavigation() {
    var button = document.querySelector("[data-nav-toggle]");
    var groups = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!groups) { return; }
    button.hidden = false;
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", open ? "false" : "true");
    });
    groups.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && window.getComputedStyle(button).display !== "none") {
        button.setAttribute("aria-expanded", "false");
        button.focus();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    wireNavigation();
    focusErrorSummary(document);
    wireSelectAll(document);
    wirePrint(document);
  });
  // After htmx replaces a fragment the focused control is gone: move focus to its message instead.
  document.addEventListener("htmx:afterSettle", function () {
    var message = document.querySelector("[data-autofocus]");
    if (message) {
      message.removeAttribute("data-autofocus");
      message.focus();
    }
    wireSelectAll(document);
  });
})();
