// The month's records by category, from the JSON the page carries (no inline script: the CSP forbids it).
(function () {
  var holder = document.getElementById('month-chart');
  var data = document.getElementById('month-chart-data');
  if (!holder || !data || typeof echarts === 'undefined') {
    return;
  }
  var chart = JSON.parse(data.textContent);
  var english = document.documentElement.lang === 'en';
  var labels = english ? chart.categories : chart.names;
  var plot = echarts.init(holder);
  plot.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 24, bottom: 110 },
    xAxis: { type: 'category', data: labels, axisLabel: { rotate: 45, interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: chart.month, type: 'bar', data: chart.records, itemStyle: { color: '#0b6e4f' } }]
  });
  holder.setAttribute('data-rendered', 'true');
  window.addEventListener('resize', function () { plot.resize(); });
})();
