// The reader opened on a task (?task=N#task-N): the anchor already scrolled there without
// JavaScript; this centres the highlighted sentence on screen and draws the eye to it once.
(function () {
  "use strict";
  function focusSentence() {
    var first = document.querySelector("#report-text .hit.focus") || document.querySelector("#report-text .hit");
    if (!first) return;
    first.scrollIntoView({ block: "center" });
    var all = document.querySelectorAll("#report-text .hit");
    for (var i = 0; i < all.length; i++) all[i].classList.add("flash");
    document.body.setAttribute("data-task-focused", "1");
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusSentence);
  } else {
    focusSentence();
  }
})();
