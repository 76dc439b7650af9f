/* Breakwater offline report: draws the charts from the embedded data with the inlined Chart.js, then writes a
   render-status element (read by tests and by anyone who wonders whether everything drew). */
(function () {
  'use strict';
  var status = {charts: {}, skipped: {}, maps: {}, errors: [], complete: false};
  window.addEventListener('error', function (e) { status.errors.push(String(e.message)); });
  var consoleError = console.error;
  console.error = function () {
    status.errors.push(Array.prototype.map.call(arguments, String).join(' '));
    consoleError.apply(console, arguments);
  };

  var D = JSON.parse(document.getElementById('report-data').textContent);
  var charts = [];
  var PALETTE = ['#1f5f8b', '#d95f02', '#1b9e77', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d'];
  Chart.defaults.animation = false;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  Chart.defaults.maintainAspectRatio = false;

  function chart(id, config, empty) {
    var canvas = document.getElementById(id);
    if (!canvas) { status.errors.push('no canvas ' + id); return; }
    if (empty) {
      status.skipped[id] = empty;
      var note = document.createElement('p');
      note.className = 'empty';
      note.textContent = 'No data: ' + empty;
      canvas.parentNode.replaceChild(note, canvas);
      return;
    }
    try {
      charts.push({id: id, chart: new Chart(canvas, config)});
    } catch (e) {
      status.errors.push(id + ': ' + e.message);
    }
  }
  function fmt(v, digits) { return v === null || v === undefined ? '' : Number(v).toFixed(digits); }
  function pts(rows, x, y) {
    return rows.filter(function (r) { return r[x] !== null && r[y] !== null; })
      .map(function (r) { return {x: r[x], y: r[y]}; });
  }
  function scatter(id, rows, x, xLabel, why) {
    var data = pts(rows, x, 'breaks');
    chart(id, {type: 'scatter', data: {datasets: [{label: 'months', data: data, backgroundColor: 'rgba(31,95,139,0.55)'}]},
      options: {plugins: {legend: {display: false}},
        scales: {x: {title: {display: true, text: xLabel}}, y: {title: {display: true, text: 'breaks in month'}}}}},
      data.length ? null : why);
  }
  function table(id, columns, rows) {
    var el = document.getElementById(id);
    if (!el) { return; }
    var html = '<thead><tr>' + columns.map(function (c) { return '<th>' + c[0] + '</th>'; }).join('') + '</tr></thead><tbody>';
    rows.forEach(function (r) {
      html += '<tr>' + columns.map(function (c) {
        var v = typeof c[1] === 'function' ? c[1](r) : r[c[1]];
        return '<td>' + (v === null || v === undefined ? '' : String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;')) + '</td>';
      }).join('') + '</tr>';
    });
    el.innerHTML = html + '</tbody>';
  }

  // 1. break trends and seasonality
  chart('chart-trend', {type: 'bar', data: {labels: D.trends.map(function (r) { return r.month; }), datasets: [
      {type: 'bar', label: 'breaks per month', data: D.trends.map(function (r) { return r.breaks; }), backgroundColor: '#9ecae1', yAxisID: 'y'},
      {type: 'line', label: 'rolling 12 months', data: D.trends.map(function (r) { return r.rolling12; }), borderColor: '#d95f02', pointRadius: 0, yAxisID: 'y2'}]},
    options: {scales: {y: {title: {display: true, text: 'breaks per month'}}, y2: {position: 'right', grid: {drawOnChartArea: false}, title: {display: true, text: 'rolling 12 months'}}}}},
    D.trends.length ? null : 'no break records');
  var months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  chart('chart-seasonality', {type: 'line', data: {labels: months, datasets: D.seasonality.map(function (s, i) {
      return {label: String(s.year), data: s.breaks, borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length], tension: 0.2};
    })}, options: {scales: {y: {title: {display: true, text: 'breaks'}}}}},
    D.seasonality.length ? null : 'no break records');

  // 2. environmental and geotechnical drivers
  scatter('chart-freezing', D.climate, 'freezingIndex', 'freezing index (degree-days below 0 °C)', 'no temperature for the break months');
  scatter('chart-tdrop', D.climate, 'tDrop', 'temperature drop from the previous month (°C)', 'no temperature for the break months');
  scatter('chart-precip', D.climate, 'precip', 'precipitation (mm)', 'no precipitation for the break months');
  chart('chart-soil', {type: 'bar', data: {labels: D.soil.map(function (s) { return s.zone + ' (' + (s.corrosivity || '?') + ')'; }),
      datasets: [{label: 'breaks per km²', data: D.soil.map(function (s) { return s.perKm2; }), backgroundColor: '#a6761d'}]},
    options: {plugins: {legend: {display: false}}, scales: {x: {title: {display: true, text: 'soil zone (corrosivity)'}}, y: {title: {display: true, text: 'breaks per km²'}}}}},
    D.soil.length ? null : 'no soil zones');

  // 3. hotspots (the maps are SVG drawn by the report writer)
  chart('chart-hotspots', {type: 'bar', data: {labels: D.hotspots.map(function (h) { return h.name; }),
      datasets: [{label: D.hotspotMeasure, data: D.hotspots.map(function (h) { return h.value; }), backgroundColor: '#bd0026'}]},
    options: {indexAxis: 'y', plugins: {legend: {display: false}}, scales: {x: {title: {display: true, text: D.hotspotMeasure}}}}},
    D.hotspots.length ? null : 'no areas');

  // 4. risk ranking
  chart('chart-risk-top', {type: 'bar', data: {labels: D.riskTop.map(function (r) { return r.asset; }),
      datasets: [{label: D.riskMeasureLabel, data: D.riskTop.map(function (r) { return r[D.riskMeasure]; }), backgroundColor: '#7570b3'}]},
    options: {indexAxis: 'y', plugins: {legend: {display: false}}, scales: {x: {min: 0, title: {display: true, text: D.riskMeasureLabel}}}}},
    D.riskTop.length ? null : 'no risk scores');
  chart('chart-risk-class', {type: 'doughnut', data: {labels: D.riskClasses.map(function (c) { return c.riskClass; }),
      datasets: [{data: D.riskClasses.map(function (c) { return c.assets; }), backgroundColor: ['#bd0026', '#f03b20', '#fd8d3c', '#fecc5c', '#ffffb2', '#cccccc']}]}},
    D.riskClasses.length ? null : 'no risk scores');
  table('table-risk', [['rank', 'rank'], ['asset', 'asset'], ['area', 'area'], ['probability', function (r) { return fmt(r.probability, 3); }],
    ['expected breaks', function (r) { return r.expected == null ? '' : fmt(r.expected, 2); }],
    ['class', 'riskClass'], ['driver 1', 'driver1'], ['driver 2', 'driver2'], ['driver 3', 'driver3']], D.riskTop);

  // 5. model card
  var scorers = D.model.scorers;
  chart('chart-metrics', {type: 'line', data: {labels: D.model.periods, datasets: scorers.map(function (s, i) {
      return {label: s.scorer, data: s.values, borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length],
        borderDash: s.scorer === 'model' ? [] : [5, 4], borderWidth: s.scorer === 'model' ? 3 : 1.5};
    })}, options: {scales: {x: {title: {display: true, text: 'test year'}}, y: {title: {display: true, text: D.model.metric || ''}}}}},
    scorers.length && D.model.periods.length ? null : 'no per-year metrics');
  chart('chart-calibration', {type: 'scatter', data: {datasets: [
      {label: 'observed', data: D.model.calibration.map(function (c) { return {x: c.predicted, y: c.observed}; }), backgroundColor: '#1b9e77', pointRadius: 5, showLine: true, borderColor: '#1b9e77'},
      {label: 'perfect calibration', data: [{x: 0, y: 0}, {x: 1, y: 1}], showLine: true, borderColor: '#999', borderDash: [4, 4], pointRadius: 0}]},
    options: {plugins: {subtitle: {display: !!D.model.calibrationSource, text: D.model.calibrationSource || ''}},
      scales: {x: {min: 0, max: 1, title: {display: true, text: 'mean predicted probability'}}, y: {min: 0, max: 1, title: {display: true, text: 'observed share with a break'}}}}},
    D.model.calibration.length ? null : 'no scores with a known outcome');
  chart('chart-importance', {type: 'bar', data: {labels: D.model.importance.map(function (f) { return f.feature; }),
      datasets: [{label: 'importance', data: D.model.importance.map(function (f) { return f.importance; }), backgroundColor: '#66a61e'}]},
    options: {indexAxis: 'y', plugins: {legend: {display: false}}}},
    D.model.importance.length ? null : 'no feature importance');
  table('table-metrics', [['scorer', 'scorer'], ['metric', 'metric'], ['pooled', function (r) { return fmt(r.value, 3); }]], D.model.pooled);

  // 6. data quality
  chart('chart-dq', {type: 'bar', data: {labels: D.dq.runs.map(function (r) { return '#' + r.runId + ' ' + r.source; }), datasets: [
      {label: 'rejected rows', data: D.dq.runs.map(function (r) { return r.rejected; }), backgroundColor: '#d95f02'},
      {label: 'flagged rows', data: D.dq.runs.map(function (r) { return r.flagged; }), backgroundColor: '#e6ab02'}]},
    options: {scales: {x: {stacked: true}, y: {stacked: true, title: {display: true, text: 'rows'}}}}},
    D.dq.runs.length ? null : 'no ingest runs');
  table('table-runs', [['run', 'runId'], ['source', 'source'], ['kind', 'kind'], ['status', 'status'], ['started', 'started'],
    ['read', 'read'], ['loaded', 'loaded'], ['rejected', 'rejected'], ['filtered', 'filtered'], ['flagged', 'flagged'],
    ['reject rules', 'rules']], D.dq.runs);
  table('table-checks', [['run', 'runId'], ['check', 'check'], ['table', 'table'], ['severity', 'severity'], ['status', 'status'],
    ['unexpected', 'unexpected'], ['%', function (r) { return fmt(r.percent, 2); }], ['message', 'message']], D.dq.checks);
  table('table-rejects', [['run', 'runId'], ['rule', 'rule'], ['rows', 'rows'], ['example', 'example']], D.dq.rejects);

  // render status: every chart's canvas must hold drawn pixels, every map its shapes
  function measure() {
    charts.forEach(function (c) {
      var canvas = c.chart.canvas;
      var pixels = 0;
      try {
        var img = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        for (var i = 3; i < img.length; i += 4) { if (img[i] > 0) { pixels++; } }
      } catch (e) { status.errors.push(c.id + ': ' + e.message); }
      status.charts[c.id] = {width: canvas.width, height: canvas.height, drawnPixels: pixels};
    });
    Array.prototype.forEach.call(document.querySelectorAll('svg.map'), function (svg) {
      var shapes = svg.querySelectorAll('path[d]').length;
      var box = svg.getBoundingClientRect();
      status.maps[svg.id] = {shapes: shapes, width: Math.round(box.width), height: Math.round(box.height)};
    });
    status.complete = true;
    var el = document.getElementById('render-status');
    el.textContent = JSON.stringify(status);
    el.setAttribute('data-complete', 'true');
  }
  measure();
})();
