// The report's only script: filter the matrix by status and area and search it; copy a curl command. It reads its data from
// the JSON block (never from markup built out of target values) and writes text, never HTML.
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var block = document.getElementById('report-data');
  var data = JSON.parse((block && block.textContent) || '{"requirements":[]}');
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.req'));
  var areas = Array.prototype.slice.call(document.querySelectorAll('section.area'));
  var status = document.getElementById('filter-status');
  var area = document.getElementById('filter-area');
  var search = document.getElementById('search');
  var count = document.getElementById('shown-count');
  function apply() {
    var s = status.value, a = area.value, q = search.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var r = data.requirements[Number(row.getAttribute('data-index'))];
      var ok = !!r && (s === 'all' || r.filter === s) && (a === 'all' || r.area === a) && (q === '' || r.text.indexOf(q) !== -1);
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    areas.forEach(function (section) {
      section.hidden = section.querySelector('tr.req:not([hidden])') === null;
    });
    count.textContent = shown + ' of ' + rows.length + ' requirements shown';
  }
  status.addEventListener('change', apply);
  area.addEventListener('change', apply);
  search.addEventListener('input', apply);
  apply();
  // Copy buttons: select the command (always works from file://), copy it when the browser allows.
  Array.prototype.slice.call(document.querySelectorAll('button.copy')).forEach(function (button) {
    button.addEventListener('click', function () {
      var pre = button.parentNode.querySelector('pre');
      if (!pre) return;
      var range = document.createRange();
      range.selectNodeContents(pre);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      var done = function () { button.textContent = 'copied'; };
      var selected = function () { button.textContent = 'selected: Ctrl+C'; };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(pre.textContent).then(done, selected);
      else selected();
    });
  });
})();
`;
