(function () {
  "use strict";
  // The events table: built from the JSON block with textContent only, sorted and
  // filtered in place. The filter state lives in the URL hash
  // (#type=acquisition&status=agreed&q=...&when=1987-03&minconf=0.5&sort=amount_value&dir=desc)
  // so a view can be bookmarked; hashes without "=" are plain anchors and leave it alone.
  var data = JSON.parse(document.getElementById("pactum-data").textContent);
  var events = data.events;
  var DEFAULTS = { q: "", type: "", status: "", when: "", minconf: "", sort: "i", dir: "asc" };
  var KEYS = Object.keys(DEFAULTS);
  var state = Object.assign({}, DEFAULTS);
  var tbody = document.querySelector("#events tbody");
  var headers = Array.prototype.slice.call(document.querySelectorAll("#events th[data-key]"));
  var inputs = {
    q: document.getElementById("f-q"),
    type: document.getElementById("f-type"),
    status: document.getElementById("f-status"),
    when: document.getElementById("f-when"),
    minconf: document.getElementById("f-minconf")
  };
  var shown = document.getElementById("shown");
  var showAll = document.getElementById("show-all");
  var LIMIT = data.limit;  // rows drawn at once; "show all" lifts it
  var limited = true;

  events.forEach(function (ev) {
    ev.haystack = [ev.doc, ev.type, ev.status, ev.who, ev.with_whom, ev.what, ev.where,
      ev.when, ev.amount, ev.evidence, ev.trigger].join("\n").toLowerCase();
  });

  function readHash() {
    var hash = location.hash.replace(/^#/, "");
    if (hash.indexOf("=") < 0) return false;
    var params = new URLSearchParams(hash);
    KEYS.forEach(function (key) { state[key] = params.get(key) || DEFAULTS[key]; });
    return true;
  }

  function writeHash() {
    var params = new URLSearchParams();
    KEYS.forEach(function (key) {
      if (state[key] && state[key] !== DEFAULTS[key]) params.set(key, state[key]);
    });
    var text = params.toString();
    try {
      history.replaceState(null, "", text ? "#" + text : location.pathname + location.search);
    } catch (err) { /* some file:// setups refuse; the view still works */ }
  }

  function matches(ev) {
    if (state.type && ev.type !== state.type) return false;
    if (state.status && ev.status !== state.status) return false;
    if (state.when === "none") { if (ev.when) return false; }
    else if (state.when && ev.when.indexOf(state.when) !== 0) return false;
    if (state.minconf !== "" && !(ev.confidence >= parseFloat(state.minconf))) return false;
    if (state.q && ev.haystack.indexOf(state.q.toLowerCase()) < 0) return false;
    return true;
  }

  function compare(a, b) {
    var key = state.sort, x = a[key], y = b[key];
    var emptyX = x === null || x === "", emptyY = y === null || y === "";
    if (emptyX || emptyY) return emptyX === emptyY ? a.i - b.i : (emptyX ? 1 : -1);  // blanks last
    var order = typeof x === "number" ? x - y : String(x).localeCompare(String(y));
    if (order === 0) order = a.i - b.i;
    return state.dir === "desc" ? -order : order;
  }

  function cell(row, text, className) {
    var td = document.createElement("td");
    if (className) td.className = className;
    if (text !== undefined) td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function pill(td, text, className) {
    var span = document.createElement("span");
    span.className = className;
    span.textContent = text;
    td.appendChild(span);
  }

  function link(td, text, href, title) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    if (title) a.title = title;
    td.appendChild(a);
  }

  function row(ev) {
    var tr = document.createElement("tr");
    tr.id = "row-" + ev.i;
    tr.dataset.type = ev.type;
    tr.dataset.status = ev.status;
    link(cell(tr, undefined, "num"), "#" + ev.i, "#ev-" + ev.i, ev.evidence);
    link(cell(tr, undefined, "doc"), ev.doc, "#d" + ev.d);
    pill(cell(tr), ev.type, "badge t-" + ev.type);
    pill(cell(tr), ev.status, "st st-" + ev.status);
    cell(tr, ev.who, "who");
    cell(tr, ev.with_whom, "with");
    cell(tr, ev.what, "what");
    cell(tr, ev.amount, "num");
    cell(tr, ev.when, "num");
    var conf = cell(tr, undefined, "num");
    var bar = document.createElement("span");
    bar.className = "conf";
    var fill = document.createElement("span");
    fill.style.width = Math.round(ev.confidence * 100) + "%";
    bar.appendChild(fill);
    conf.appendChild(bar);
    conf.appendChild(document.createTextNode(ev.confidence.toFixed(2)));
    return tr;
  }

  function render() {
    var rows = events.filter(matches).sort(compare);
    var drawn = limited ? rows.slice(0, LIMIT) : rows;
    var fragment = document.createDocumentFragment();
    drawn.forEach(function (ev) { fragment.appendChild(row(ev)); });
    if (!rows.length) {
      var tr = document.createElement("tr");
      var td = cell(tr, "No events match these filters.", "empty");
      td.colSpan = headers.length;
      fragment.appendChild(tr);
    }
    tbody.replaceChildren(fragment);
    shown.textContent = drawn.length < rows.length
      ? "showing the first " + drawn.length + " of " + rows.length + " matching events (" + events.length + " in all)"
      : "showing " + rows.length + " of " + events.length + " events";
    showAll.hidden = drawn.length === rows.length;
    headers.forEach(function (th) {
      if (th.dataset.key === state.sort) th.setAttribute("aria-sort", state.dir === "desc" ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    });
    Object.keys(inputs).forEach(function (key) {
      if (inputs[key].value !== state[key]) inputs[key].value = state[key];
    });
  }

  Object.keys(inputs).forEach(function (key) {
    inputs[key].addEventListener("input", function () {
      state[key] = inputs[key].value.trim();
      writeHash();
      render();
    });
  });
  headers.forEach(function (th) {
    th.addEventListener("click", function () {
      var key = th.dataset.key;
      if (state.sort === key) state.dir = state.dir === "asc" ? "desc" : "asc";
      else { state.sort = key; state.dir = th.dataset.kind === "num" && key !== "i" ? "desc" : "asc"; }
      writeHash();
      render();
    });
  });
  showAll.addEventListener("click", function () {
    limited = false;
    render();
  });
  document.getElementById("f-reset").addEventListener("click", function () {
    state = Object.assign({}, DEFAULTS);
    writeHash();
    render();
  });
  window.addEventListener("hashchange", function () {
    if (readHash()) {
      render();
      document.getElementById("table-title").scrollIntoView();
    }
  });

  readHash();
  render();
  document.documentElement.dataset.ready = "1";
})();
