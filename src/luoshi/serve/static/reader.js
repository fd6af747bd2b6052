// The reader opened on a task (?task=N#task-N): the anchor already scrolled there without
// JavaScript; once the page has settled, this centres the task's clause on screen and draws the
// eye to it.
(function () {
  "use strict";
  function focusSentence() {
    var text = document.getElementById("report-text");
    var first = text && (text.querySelector(".hit.focus") || text.querySelector(".hit"));
    if (!first) return;
    first.scrollIntoView({ block: "center" });
    var all = text.querySelectorAll(".hit.focus");
    for (var i = 0; i < all.length; i++) all[i].classList.add("flash");
    document.body.setAttribute("data-task-focused", "1");
  }
  // after the browser's own jump to the #task-N anchor, which happens on load
  window.addEventListener("load", function () { window.setTimeout(focusSentence, 0); });
})();
