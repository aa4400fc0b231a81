/* Monitoring dashboard charts (Chart.js from npm, served locally). Data come from the same
   scoped JSON endpoint the page is built from; the tables below each chart carry the numbers
   for screen readers and for printing. */
(function () {
  "use strict";
  var box = document.getElementById("monitoring-charts");
  if (!box || !window.Chart) { return; }
  var d = box.dataset;
  window.monitoringCharts = {};

  function bar(id, labels, datasets, options) {
    var canvas = document.getElementById(id);
    if (!canvas) { return; }
    window.monitoringCharts[id] = new window.Chart(canvas, {
      type: "bar",
      data: { labels: labels, datasets: datasets },
      options: Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, options || {})
    });
  }

  fetch(d.url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var rounds = data.by_round;
      bar("chart-rounds", rounds.map(function (r) { return r.label; }), [
        { label: d.labelOnTime, data: rounds.map(function (r) { return r.on_time; }), backgroundColor: "#198754" },
        { label: d.labelLate, data: rounds.map(function (r) { return r.received - r.on_time; }), backgroundColor: "#ffc107" },
        { label: d.labelMissing, data: rounds.map(function (r) { return r.missing; }), backgroundColor: "#dc3545" }
      ], { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } });
      var groups = data.progress_by_group;
      bar("chart-groups", groups.map(function (g) { return g.group; }), [
        { label: d.labelProgress, data: groups.map(function (g) { return g.progress; }), backgroundColor: "#0d6efd" }
      ], { indexAxis: "y", scales: { x: { min: 0, max: 100 } } });
      var units = data.progress_by_unit.slice(0, 30);
      bar("chart-units", units.map(function (u) { return u.unit; }), [
        { label: d.labelProgress, data: units.map(function (u) { return u.progress; }), backgroundColor: "#6f42c1" }
      ], { indexAxis: "y", scales: { x: { min: 0, max: 100 } } });
      box.dataset.loaded = "1";
    });
})();
