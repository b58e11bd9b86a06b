// newslint report: filter the files, open and close them. The page works without it.
(function () {
  "use strict";
  var files = Array.prototype.slice.call(document.querySelectorAll("details.file"));
  var filter = document.getElementById("filter");
  var shown = document.getElementById("shown");
  if (!filter) return;

  function apply() {
    var words = filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var count = 0;
    files.forEach(function (file) {
      var haystack = (file.querySelector(".path").textContent + " " + file.dataset.codes).toLowerCase();
      var match = words.every(function (w) { return haystack.indexOf(w) !== -1; });
      file.hidden = !match;
      if (match) count += 1;
    });
    shown.textContent = words.length ? count + " of " + files.length + " files shown" : "";
  }

  var timer = null;
  filter.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 150);
  });
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-filter], [data-open], #expand-all, #collapse-all");
    if (!target) return;
    if (target.dataset.filter) {
      filter.value = target.dataset.filter;
      apply();
      filter.scrollIntoView({ block: "start" });
    } else if (target.dataset.open) {
      var file = document.getElementById(target.dataset.open);
      if (file) { file.hidden = false; file.open = true; }
    } else {
      var open = target.id === "expand-all";
      files.forEach(function (file) { if (!file.hidden) file.open = open; });
    }
  });
})();
