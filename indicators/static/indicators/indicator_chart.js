// The indicator page's chart: actual values (bars) against targets (line). Data comes from the
// page's json_script element; the script is a static file for the Content-Security-Policy.
(function () {
  const source = document.getElementById("chart-data");
  const canvas = document.getElementById("indicator-chart");
  if (!source || !canvas) return;
  const data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        {type: "bar", label: data.actualLabel, data: data.actual, backgroundColor: "rgba(220,53,69,0.6)"},
        {type: "line", label: data.targetLabel, data: data.target, borderColor: "#198754", backgroundColor: "#198754", spanGaps: true, pointRadius: 5}
      ]
    },
    options: {animation: false, scales: {y: {beginAtZero: true}}}
  });
})();
