// newslint draft page. It draws what the server's JSON says: the server lints, fixes and
// converts offsets (UTF-16 code units, as JavaScript indexes strings); this script keeps
// nothing but the text on the page and the last answer.
(function () {
  "use strict";

  var $ = function (id) { return document.getElementById(id); };
  var draft = $("draft"), backdrop = $("backdrop"), tip = $("tip"), statusLine = $("status");
  var groups = $("groups"), fixAll = $("fix-all"), notice = $("notice");
  var SEVERITIES = [["error", "Errors"], ["warning", "Warnings"], ["info", "Info"]];
  var DELAY = 450; // ms of quiet typing before a re-check
  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  var state = {
    text: "",          // the text the findings belong to (kept in step while typing)
    findings: [],
    rules: {},
    version: 0,        // bumped on every change; answers for an older version are dropped
    filename: "draft.md",
    lineEnd: "\n",     // a dropped file's line ends, restored on copy and download
    bom: false,
    current: -1,       // the finding the caret is in
  };
  var timer = null, inFlight = null, applying = false;

  // requests ------------------------------------------------------------------------------

  function post(path, body) {
    if (inFlight) inFlight.abort();
    inFlight = new AbortController();
    return fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal: inFlight.signal,
    }).then(function (response) {
      return response.json().catch(function () {
        return { error: "the server answered " + response.status };
      }).then(function (data) {
        if (!response.ok) throw new Error(data.error || "the server answered " + response.status);
        return data;
      });
    });
  }

  function check() {
    clearTimeout(timer);
    var version = state.version;
    if (!draft.value.trim()) { show({ findings: [], rules: {}, counts: {} }); setStatus(""); return; }
    setStatus("Checking…");
    post("/api/check", { text: draft.value, filename: state.filename })
      .then(function (data) { if (version === state.version) show(data); })
      .catch(failed);
  }

  function applyFix(which) {
    clearTimeout(timer);
    var version = state.version;
    setStatus("Fixing…");
    post("/api/fix", { text: draft.value, filename: state.filename, fix: which })
      .then(function (data) {
        if (version !== state.version) { check(); return; }
        replaceText(data.text);
        show(data);
        setStatus(plural(data.applied, "fix") + " applied. " + statusLine.textContent);
      })
      .catch(failed);
  }

  function failed(error) {
    if (error.name === "AbortError") return;
    setStatus("Not checked: " + error.message, true);
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(check, delay);
  }

  // drawing ----------------------------------------------------------------------------------

  function show(data) {
    state.text = draft.value;
    state.findings = data.findings || [];
    state.rules = data.rules || {};
    drawMarks();
    drawList();
    SEVERITIES.forEach(function (s) { $("n-" + s[0]).textContent = (data.counts || {})[s[0]] || 0; });
    fixAll.disabled = !data.safe_fixes;
    fixAll.textContent = data.safe_fixes ? "Fix all safe (" + data.safe_fixes + ")" : "Fix all safe";
    var n = state.findings.length;
    var outages = (data.outages || []).join("; ");
    if (draft.value.trim()) {
      setStatus(
        (n ? plural(n, "problem") + " found" : "No problems found") +
        (data.safe_fixes ? "; " + data.safe_fixes + " can be fixed safely" : "") +
        (outages ? ". " + outages : ""),
        Boolean(outages)
      );
    }
    followCaret();
  }

  // rule summaries are fragments ("a word confused with …"); shown alone, they read as sentences
  function sentence(fragment) {
    return fragment.charAt(0).toUpperCase() + fragment.slice(1) + ".";
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : word.slice(-1) === "x" ? "es" : "s");
  }

  function setStatus(message, problem) {
    statusLine.textContent = message;
    statusLine.classList.toggle("problem", Boolean(problem));
  }

  // The marks sit in a backdrop behind the transparent textarea, in the same font and wrapping,
  // so they line up with the text. Overlapping findings nest; a partial overlap is cut short.
  function drawMarks() {
    var text = draft.value;
    var items = state.findings
      .map(function (f, i) { return { f: f, i: i }; })
      .filter(function (item) { return item.f.start <= item.f.end && item.f.end <= text.length; })
      .sort(function (a, b) { return a.f.start - b.f.start || b.f.end - a.f.end; });
    var root = document.createDocumentFragment();
    var stack = [{ node: root, end: Infinity }];
    var pos = 0;
    function top() { return stack[stack.length - 1]; }
    function emit(upto) {
      if (upto > pos) {
        top().node.appendChild(document.createTextNode(text.slice(pos, upto)));
        pos = upto;
      }
    }
    items.forEach(function (item) {
      while (stack.length > 1 && top().end <= item.f.start) { emit(top().end); stack.pop(); }
      var start = Math.max(item.f.start, pos);
      var end = Math.max(start, Math.min(item.f.end, top().end));
      emit(start);
      var mark = document.createElement("mark");
      mark.className = "sev-" + item.f.severity + (end === start ? " point" : "");
      mark.dataset.code = item.f.code;
      mark.dataset.index = item.i;
      mark.id = "mark-" + item.i;
      top().node.appendChild(mark);
      if (end > start) stack.push({ node: mark, end: end });
    });
    while (stack.length > 1) { emit(top().end); stack.pop(); }
    emit(text.length);
    // a final line break needs something after it to take up its line
    root.appendChild(document.createTextNode(" "));
    backdrop.replaceChildren(root);
    grow();
  }

  function grow() {
    draft.style.height = "auto";
    draft.style.height = draft.scrollHeight + "px";
  }

  function drawList() {
    groups.replaceChildren();
    if (!state.findings.length) {
      var p = document.createElement("p");
      p.className = draft.value.trim() ? "all-clear" : "where";
      p.textContent = draft.value.trim() ? "Nothing to fix." : "Paste a draft to check it.";
      groups.appendChild(p);
      return;
    }
    SEVERITIES.forEach(function (severity) {
      var members = [];
      state.findings.forEach(function (f, i) { if (f.severity === severity[0]) members.push(i); });
      if (!members.length) return;
      var section = element("section", "group");
      var heading = element("h2", "", severity[1] + " (" + members.length + ")");
      var list = element("ol", "findings");
      members.forEach(function (i) { list.appendChild(listItem(state.findings[i], i)); });
      section.append(heading, list);
      groups.appendChild(section);
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function listItem(f, i) {
    var item = element("li", "finding");
    item.id = "finding-" + i;
    var go = element("button", "go");
    go.type = "button";
    go.dataset.go = i;
    var meta = element("span", "meta");
    meta.append(element("span", "sev sev-" + f.severity, f.severity), " line " + f.line + " · " + f.code + " " + f.name);
    go.append(meta, f.message);
    item.appendChild(go);
    if (f.fix) {
      var actions = element("div", "actions");
      var button = element("button", "small", f.fix.safe ? "Fix" : "Apply suggestion");
      button.type = "button";
      button.dataset.fix = f.id;
      button.setAttribute("aria-label", (f.fix.safe ? "Fix: " : "Apply suggestion: ") + f.fix.label);
      actions.append(button, element("span", "fix-note", f.fix.label + (f.fix.safe ? "" : " (check it reads right)")));
      item.appendChild(actions);
    }
    var rule = state.rules[f.code];
    if (rule) {
      var why = element("details");
      why.append(element("summary", "", "Why?"), element("p", "", sentence(rule.summary) + " " + rule.doc));
      item.appendChild(why);
    }
    return item;
  }

  // the explanation beside a mark ----------------------------------------------------------

  function showTip(index, byCaret) {
    var f = state.findings[index];
    var mark = $("mark-" + index);
    if (!f || !mark) { hideTip(); return; }
    var rule = state.rules[f.code];
    tip.replaceChildren(
      element("span", "tip-code", f.code + " " + f.name + " · " + f.severity),
      element("p", "", f.message)
    );
    if (rule) tip.appendChild(element("p", "tip-why", sentence(rule.summary)));
    if (f.fix) tip.appendChild(element("p", "tip-why", (f.fix.safe ? "Fix: " : "Suggestion: ") + f.fix.label));
    tip.hidden = false;
    var rect = mark.getClientRects()[0] || mark.getBoundingClientRect();
    var left = Math.min(rect.left, document.documentElement.clientWidth - tip.offsetWidth - 8);
    // below the mark, or above it when the window ends first
    var below = rect.bottom + 6 + tip.offsetHeight <= window.innerHeight;
    var top = below ? rect.bottom + 6 : rect.top - 6 - tip.offsetHeight;
    tip.style.left = Math.max(8, left) + window.scrollX + "px";
    tip.style.top = Math.max(8, top) + window.scrollY + "px";
    if (byCaret) draft.setAttribute("aria-describedby", "tip status");
  }

  function hideTip() {
    tip.hidden = true;
    draft.setAttribute("aria-describedby", "status");
  }

  function findingAt(offset) {
    var best = -1;
    state.findings.forEach(function (f, i) {
      if (f.start <= offset && offset <= f.end) {
        if (best < 0 || f.end - f.start < state.findings[best].end - state.findings[best].start) best = i;
      }
    });
    return best;
  }

  function setCurrent(index) {
    if (index === state.current) return;
    [$("mark-" + state.current), $("finding-" + state.current)].forEach(function (node) {
      if (node) node.classList.remove("current");
    });
    state.current = index;
    [$("mark-" + index), $("finding-" + index)].forEach(function (node) {
      if (node) node.classList.add("current");
    });
  }

  function followCaret() {
    if (document.activeElement !== draft || draft.value !== state.text) { setCurrent(-1); return; }
    var index = findingAt(draft.selectionStart);
    setCurrent(index);
    if (index >= 0) showTip(index, true); else hideTip();
  }

  // the textarea sits above the marks, so find the mark under the pointer by position
  var hoverFrame = 0;
  draft.addEventListener("mousemove", function (event) {
    if (hoverFrame) return;
    hoverFrame = requestAnimationFrame(function () {
      hoverFrame = 0;
      var mark = document.elementsFromPoint(event.clientX, event.clientY)
        .filter(function (node) { return node.tagName === "MARK"; })[0];
      if (mark) showTip(Number(mark.dataset.index), false);
      else if (state.current < 0) hideTip();
      else showTip(state.current, true);
    });
  });
  draft.addEventListener("mouseleave", function () { if (state.current < 0) hideTip(); });
  document.addEventListener("selectionchange", function () {
    if (document.activeElement === draft) followCaret();
  });
  draft.addEventListener("blur", function () { setCurrent(-1); hideTip(); });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hideTip(); });
  window.addEventListener("resize", function () { grow(); hideTip(); });

  // editing --------------------------------------------------------------------------------

  // While the next answer is on its way, keep the marks on their words: shift those after the
  // edit, drop those it touched.
  function shiftFindings(before, after) {
    var prefix = 0, max = Math.min(before.length, after.length);
    while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix += 1;
    var suffix = 0;
    while (suffix < max - prefix &&
      before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix += 1;
    var editEnd = before.length - suffix, delta = after.length - before.length;
    state.findings = state.findings.reduce(function (kept, f) {
      if (f.end < prefix || (f.end === prefix && f.start < f.end)) kept.push(f);
      else if (f.start >= editEnd && f.start > prefix) {
        kept.push(Object.assign({}, f, { start: f.start + delta, end: f.end + delta }));
      }
      return kept;
    }, []);
  }

  draft.addEventListener("input", function (event) {
    if (applying) return;
    shiftFindings(state.text, draft.value);
    state.text = draft.value;
    state.version += 1;
    notice.hidden = true;
    drawMarks();
    drawList();
    updateButtons();
    hideTip();
    schedule(event.inputType === "insertFromPaste" || event.inputType === "insertFromDrop" ? 0 : DELAY);
  });

  // Replace only the part that changed, through the editing commands when the browser has them,
  // so that Undo takes the fix back.
  function replaceText(text) {
    var before = draft.value;
    if (before === text) return;
    var prefix = 0, max = Math.min(before.length, text.length);
    while (prefix < max && before[prefix] === text[prefix]) prefix += 1;
    var suffix = 0;
    while (suffix < max - prefix && before[before.length - 1 - suffix] === text[text.length - 1 - suffix]) suffix += 1;
    var middle = text.slice(prefix, text.length - suffix);
    applying = true;
    try {
      draft.focus({ preventScroll: true });
      draft.setSelectionRange(prefix, before.length - suffix);
      var done = middle ? document.execCommand("insertText", false, middle) : document.execCommand("delete");
      if (!done || draft.value !== text) draft.value = text;
    } finally {
      applying = false;
    }
    state.version += 1;
    state.text = draft.value;
    updateButtons();
  }

  function setText(text) {
    draft.value = text;
    state.text = text;
    state.version += 1;
    state.findings = [];
    drawMarks();
    updateButtons();
    check();
  }

  function updateButtons() {
    var empty = !draft.value;
    $("copy").disabled = empty;
    $("download").disabled = empty;
  }

  // the list and the buttons -----------------------------------------------------------------

  groups.addEventListener("click", function (event) {
    var go = event.target.closest("[data-go]");
    var fix = event.target.closest("[data-fix]");
    if (fix) { applyFix(fix.dataset.fix); return; }
    if (!go) return;
    var index = Number(go.dataset.go);
    var f = state.findings[index];
    var mark = $("mark-" + index);
    draft.focus({ preventScroll: true });
    draft.setSelectionRange(f.start, f.end);
    if (mark) mark.scrollIntoView({ block: "center", behavior: reduceMotion ? "auto" : "smooth" });
    followCaret();
  });

  fixAll.addEventListener("click", function () { applyFix("safe"); });

  function exported() {
    var text = draft.value;
    if (state.lineEnd !== "\n") text = text.replace(/\n/g, state.lineEnd);
    return (state.bom ? "\ufeff" : "") + text;
  }

  $("copy").addEventListener("click", function () {
    var done = function () { setStatus("Copied the draft to the clipboard."); };
    var fallback = function () {
      draft.focus();
      draft.select();
      if (document.execCommand("copy")) done(); else setStatus("Copy did not work here: select the text and copy it.", true);
    };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(exported()).then(done, fallback);
    else fallback();
  });

  $("download").addEventListener("click", function () {
    var blob = new Blob([exported()], { type: "text/markdown;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = state.filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  });

  // opening and dropping files -------------------------------------------------------------

  function openFile(file) {
    file.arrayBuffer().then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      var text;
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch (error) {
        showNotice("“" + file.name + "” is not UTF-8 text, so it was not opened. Save it as UTF-8 and try again.");
        return;
      }
      if (text.indexOf("\u0000") !== -1) {
        showNotice("“" + file.name + "” is a binary file, not text, so it was not opened.");
        return;
      }
      notice.hidden = true;
      state.bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      state.lineEnd = text.indexOf("\r\n") !== -1 ? "\r\n" : "\n";
      state.filename = file.name;
      $("filename").textContent = file.name;
      setText(text.replace(/\r\n?/g, "\n"));
    });
  }

  function showNotice(message) {
    notice.textContent = message;
    notice.hidden = false;
  }

  $("open").addEventListener("click", function () { $("file-input").click(); });
  $("file-input").addEventListener("change", function (event) {
    if (event.target.files[0]) openFile(event.target.files[0]);
    event.target.value = "";
  });

  var dragDepth = 0;
  document.addEventListener("dragenter", function (event) {
    if (!event.dataTransfer || Array.prototype.indexOf.call(event.dataTransfer.types, "Files") < 0) return;
    dragDepth += 1;
    document.body.classList.add("dragging");
  });
  document.addEventListener("dragleave", function () {
    dragDepth = Math.max(0, dragDepth - 1);
    if (!dragDepth) document.body.classList.remove("dragging");
  });
  document.addEventListener("dragover", function (event) {
    if (document.body.classList.contains("dragging")) event.preventDefault();
  });
  document.addEventListener("drop", function (event) {
    dragDepth = 0;
    document.body.classList.remove("dragging");
    var file = event.dataTransfer && event.dataTransfer.files[0];
    if (!file) return;
    event.preventDefault();
    openFile(file);
  });

  drawMarks();
  updateButtons();
  if (draft.value) check(); // a reload keeps the text in some browsers
})();
