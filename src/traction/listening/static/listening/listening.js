// Highlight form: selecting words in the note fills in the part, the words and their position.
(function () {
  "use strict";
  function offsetWithin(element, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(element);
    range.setEnd(node, offset);
    return range.toString().length;
  }
  function fill(event) {
    var source = event.currentTarget;
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return; }
    var range = selection.getRangeAt(0);
    var start = range.startContainer.parentElement && range.startContainer.parentElement.closest("[data-note-field]");
    var end = range.endContainer.parentElement && range.endContainer.parentElement.closest("[data-note-field]");
    if (!start || start !== end || !source.contains(start)) { return; }
    var field = document.getElementById("id_field");
    var snippet = document.getElementById("id_snippet");
    var position = document.getElementById("id_start");
    if (!field || !snippet || !position) { return; }
    field.value = start.getAttribute("data-note-field");
    snippet.value = range.toString();
    position.value = offsetWithin(start, range.startContainer, range.startOffset);
  }
  document.addEventListener("DOMContentLoaded", function () {
    var sources = document.querySelectorAll("[data-highlight-source]");
    for (var i = 0; i < sources.length; i++) { sources[i].addEventListener("mouseup", fill); sources[i].addEventListener("keyup", fill); }
  });
})();
