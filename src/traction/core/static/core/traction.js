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

  // A fragment that polls for a background job's progress says what changed in data-announce (only when
  // something did): the page's one polite live region reads it out, so a screen reader hears each change
  // once and never a poll that changed nothing.
  function announceChanges() {
    var region = document.querySelector("[data-announcer]");
    var words = [];
    document.querySelectorAll("[data-announce]").forEach(function (element) {
      words.push(element.getAttribute("data-announce"));
      element.removeAttribute("data-announce");
    });
    if (region && words.length) { region.textContent = words.join(". "); }
  }

  document.addEventListener("DOMContentLoaded", function () {
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
    announceChanges();
  });
})();
