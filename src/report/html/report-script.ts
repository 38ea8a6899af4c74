// The report's only script: filter the matrix by status and area and search it. It reads its data from
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
})();
`;
