// Draws each report's chart from the figures the page passed with json_script (the same figures as
// the table beside it). Right to left in Arabic: legend, tooltips and text, and the x-axis reversed.
(function () {
  "use strict";
  if (typeof Chart === "undefined") { return; }
  var rtl = document.documentElement.dir === "rtl";
  var colours = ["#198754", "#0d6efd", "#fd7e14", "#6f42c1", "#d63384", "#20c997", "#6c757d", "#ffc107",
                 "#0dcaf0", "#dc3545"];
  function scales(spec, stacked) {
    var result = {x: {stacked: stacked, reverse: rtl}, y: {stacked: stacked, beginAtZero: true}};
    if (spec.datasets.some(function (dataset) { return dataset.axis === "y1"; })) {
      // A second scale on the other side, for figures in other units (days beside percentages).
      result.y1 = {beginAtZero: true, position: rtl ? "left" : "right", grid: {drawOnChartArea: false}};
      result.y.position = rtl ? "right" : "left";
    }
    return result;
  }
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) { return; }
    var spec = JSON.parse(source.textContent);
    var stacked = spec.type === "stacked";
    new Chart(canvas, {
      type: spec.type === "line" ? "line" : "bar",
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (dataset, index) {
          var colour = colours[index % colours.length];
          return {label: dataset.label, data: dataset.data, backgroundColor: colour, borderColor: colour,
                  yAxisID: dataset.axis, spanGaps: true};
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: document.documentElement.lang,
        scales: scales(spec, stacked),
        plugins: {
          legend: {rtl: rtl, textDirection: rtl ? "rtl" : "ltr"},
          tooltip: {rtl: rtl, textDirection: rtl ? "rtl" : "ltr"}
        }
      }
    });
    canvas.dataset.drawn = "true";
  });
})();
