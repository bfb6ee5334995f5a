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

  // A fragment that polls for a background job's progress, or one swapped in by a button (an agenda item
  // moved), says what changed in data-announce (only when something did): the page's one polite live
  // region reads it out, so a screen reader hears each change once and never a poll that changed nothing.
  function announceChanges() {
    var region = document.querySelector("[data-announcer]");
    var words = [];
    document.querySelectorAll("[data-announce]").forEach(function (element) {
      words.push(element.getAttribute("data-announce"));
      element.removeAttribute("data-announce");
    });
    if (!region || !words.length) { return; }
    var text = words.join(". ");
    // The same words again (an item moved up twice) are changed by a no-break space, or nothing is read.
    region.textContent = region.textContent === text ? text + "\u00a0" : text;
  }

  // A link to a file that takes seconds to prepare (the board report PDF): fetched here while its status
  // says so (the link is aria-busy), then offered as a download. Without this file the link is a plain one.
  function filenameOf(response) {
    var header = response.headers.get("Content-Disposition") || "";
    var encoded = /filename\*=utf-8''([^;]+)/i.exec(header);
    if (encoded) { return decodeURIComponent(encoded[1]); }
    var plain = /filename="?([^";]+)"?/i.exec(header);
    return plain ? plain[1] : "download";
  }

  function say(status, words, link) {
    status.textContent = words;
    if (link) { status.appendChild(document.createTextNode(" ")); status.appendChild(link); }
  }

  function prepare(link, status) {
    link.setAttribute("aria-busy", "true");
    link.setAttribute("aria-disabled", "true");
    status.classList.add("busy-status--working");
    say(status, "Preparing the report\u2026 this takes a few seconds.");
    function done() {
      link.removeAttribute("aria-busy");
      link.removeAttribute("aria-disabled");
      status.classList.remove("busy-status--working");
    }
    fetch(link.href, { credentials: "same-origin" }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (!response.ok || type.indexOf("application/pdf") !== 0) {
        window.location.assign(link.href);  // the server's page says what is wrong
        return null;
      }
      return response.blob().then(function (blob) {
        var file = document.createElement("a");
        file.href = URL.createObjectURL(blob);
        file.download = filenameOf(response);
        file.textContent = "Download it again";
        file.setAttribute("data-prepared-download", "");
        done();
        say(status, "The report is ready and downloading.", file);
        file.click();
      });
    }).catch(function () {
      done();
      say(status, "The report could not be prepared: check the connection and try again.");
    });
  }

  function wireBusyDownloads(root) {
    (root || document).querySelectorAll("[data-busy-download]").forEach(function (link) {
      var status = document.getElementById(link.getAttribute("data-busy-download"));
      if (link.dataset.wired || !status || !window.fetch) { return; }
      link.dataset.wired = "1";
      link.addEventListener("click", function (event) {
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
        event.preventDefault();
        if (link.getAttribute("aria-busy") !== "true") { prepare(link, status); }
      });
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
    wireBusyDownloads(document);
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
