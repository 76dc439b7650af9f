/* Breakwater report, forecast section: draws the forecast bands and the anomaly chart from their own embedded data
   through the report's chart function, which counts them in the render status like every other chart. */
(function () {
  'use strict';
  var dataEl = document.getElementById('forecast-data');
  if (!dataEl) { return; }
  var F = JSON.parse(dataEl.textContent);
  var BAND95 = 'rgba(31,95,139,0.15)';
  var BAND80 = 'rgba(31,95,139,0.30)';

  function draw(id, config) {
    window.breakwaterReport.chart(id, config);
  }
  function line(label, data, color, extra) {
    var d = {type: 'line', label: label, data: data, borderColor: color, backgroundColor: color, pointRadius: 0,
      borderWidth: 1, fill: false};
    Object.keys(extra || {}).forEach(function (k) { d[k] = extra[k]; });
    return d;
  }
  function band(id, b) {
    draw(id, {type: 'line', data: {labels: b.months, datasets: [
        line('95% upper', b.upper95, 'rgba(0,0,0,0)'),
        line('95% interval', b.lower95, 'rgba(0,0,0,0)', {fill: '-1', backgroundColor: BAND95}),
        line('80% upper', b.upper80, 'rgba(0,0,0,0)'),
        line('80% interval', b.lower80, 'rgba(0,0,0,0)', {fill: '-1', backgroundColor: BAND80}),
        line('expected, normal winter', b.expected, '#1f5f8b', {borderWidth: 2, pointRadius: 2}),
        line('expected, 1-in-10 cold winter', b.cold, '#d95f02', {borderDash: [6, 4], borderWidth: 2})]},
      options: {plugins: {legend: {labels: {filter: function (item) { return item.text.indexOf('upper') < 0; }}}},
        scales: {y: {beginAtZero: true, title: {display: true, text: 'breaks per month'}}}}});
  }

  band('chart-forecast-network', F.network);
  F.areas.forEach(function (a, i) { band('chart-forecast-area-' + (i + 1), a); });
  var h = F.history;
  draw('chart-anomalies', {type: 'line', data: {labels: h.map(function (r) { return r.month; }), datasets: [
      line('95% upper', h.map(function (r) { return r.upper95; }), 'rgba(0,0,0,0)'),
      line('expected 95% band', h.map(function (r) { return r.lower95; }), 'rgba(0,0,0,0)', {fill: '-1', backgroundColor: BAND95}),
      line('expected', h.map(function (r) { return r.expected; }), '#1f5f8b'),
      line('actual', h.map(function (r) { return r.observed; }), '#333333', {borderWidth: 1.5}),
      line('flagged', h.map(function (r) { return r.flagged ? r.observed : null; }), '#d7191c',
        {showLine: false, pointRadius: 5, pointStyle: 'triangle'})]},
    options: {plugins: {legend: {labels: {filter: function (item) { return item.text.indexOf('upper') < 0; }}}},
      scales: {x: {ticks: {maxTicksLimit: 24}}, y: {beginAtZero: true, title: {display: true, text: 'breaks per month'}}}}});

  var table = document.getElementById('table-anomalies');
  if (table) {
    var esc = function (v) { return v === null || v === undefined ? '' : String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;'); };
    var html = '<thead><tr><th>month</th><th>breaks</th><th>expected</th><th>95% band</th><th>driver</th><th>detail</th></tr></thead><tbody>';
    F.flagged.forEach(function (r) {
      html += '<tr><td>' + esc(r.month) + '</td><td>' + esc(r.observed) + '</td><td>' + esc(r.expected) + '</td><td>'
        + esc(r.band) + '</td><td>' + esc(r.driver) + '</td><td>' + esc(r.detail) + '</td></tr>';
    });
    table.innerHTML = html + '</tbody>';
  }
  var bt = document.getElementById('table-forecast-backtest');
  if (bt) {
    var cols = ['candidate', 'level', 'months', 'gap_months', 'coverage_80', 'coverage_95', 'pit_coverage_80',
      'pit_coverage_95', 'mae', 'mase', 'log_score'];
    var body = '<thead><tr>' + cols.map(function (c) { return '<th>' + c + '</th>'; }).join('') + '</tr></thead><tbody>';
    (F.backtest || []).forEach(function (r) {
      body += '<tr>' + cols.map(function (c) { return '<td>' + (r[c] === null || r[c] === undefined ? '' : String(r[c]).replace(/</g, '&lt;')) + '</td>'; }).join('') + '</tr>';
    });
    bt.innerHTML = body + '</tbody>';
  }

})();
