// Vern console helpers: CSRF header for htmx requests, confirmation for destructive buttons, column names on table
// cells for the stacked cards of narrow screens.
// No inline scripts anywhere: the Content-Security-Policy forbids them.
(function () {
  'use strict';
  document.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('meta[name="csrf-token"]');
    var header = document.querySelector('meta[name="csrf-header"]');
    if (token && header) {
      event.detail.headers[header.content] = token.content;
    }
  });
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);
  // Issue 23 item 7: under 600 px every table is shown as stacked cards (vern.css), each cell headed by its column's
  // name from data-label. Templates may set data-label themselves; the rest get it here from the table's header row.
  function labelCells(root) {
    var tables = root.tagName === 'TABLE' ? [root] : root.querySelectorAll('table');
    Array.prototype.forEach.call(tables, function (table) {
      var head = table.tHead && table.tHead.rows.length ? table.tHead.rows[table.tHead.rows.length - 1] : null;
      if (!head) {
        return;
      }
      var labels = [];
      Array.prototype.forEach.call(head.cells, function (cell) {
        for (var i = 0; i < (cell.colSpan || 1); i++) {
          labels.push(cell.textContent.replace(/\s+/g, ' ').trim());
        }
      });
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          var column = 0;
          Array.prototype.forEach.call(row.cells, function (cell) {
            if (!cell.hasAttribute('data-label') && labels[column]) {
              cell.setAttribute('data-label', labels[column]);
            }
            column += cell.colSpan || 1;
          });
        });
      });
    });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { labelCells(document); });
  } else {
    labelCells(document);
  }
  document.addEventListener('htmx:afterSwap', function (event) {
    labelCells(event.target.closest ? (event.target.closest('table') || event.target) : document);
  });
})();
