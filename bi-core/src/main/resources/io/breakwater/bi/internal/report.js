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
  window.breakwaterReport = {data: D, chart: function (id, config, empty) { chart(id, config, empty); }};
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

  // horizontal bars, one labelled row per bar (Chart.js would skip labels that do not fit otherwise)
  function bars(id, labels, datasets, valueTitle, empty, stacked) {
    var canvas = document.getElementById(id);
    if (canvas && labels.length > 12) {   // room for every label: about 20 px a bar
      canvas.parentNode.style.height = Math.max(290, 20 * labels.length + 70) + 'px';
    }
    chart(id, {type: 'bar', data: {labels: labels, datasets: datasets},
      options: {indexAxis: 'y', plugins: {legend: {display: datasets.length > 1}},
        scales: {y: {stacked: !!stacked, ticks: {autoSkip: false}},
          x: {stacked: !!stacked, min: 0, title: {display: true, text: valueTitle}}}}},
      empty);
  }
  function num(v, decimals) {
    if (v === null || v === undefined) { return ''; }
    return decimals ? Number(v).toFixed(3) : Math.round(v).toLocaleString('en');
  }
  function nonePara(text) { return '<p class="none">' + text + '</p>'; }
  function esc(v) { return String(v === null || v === undefined ? '' : v).replace(/&/g, '&amp;').replace(/</g, '&lt;'); }

  // 1. break trends and seasonality (a line per month: 12 bars a year over decades cannot all be labelled)
  chart('chart-trend', {type: 'line', data: {labels: D.trends.map(function (r) { return r.month; }), datasets: [
      {label: 'breaks per month', data: D.trends.map(function (r) { return r.breaks; }), borderColor: '#6baed6', backgroundColor: 'rgba(107,174,214,0.25)', fill: true, pointRadius: 0, borderWidth: 1, yAxisID: 'y'},
      {label: 'rolling 12 months', data: D.trends.map(function (r) { return r.rolling12; }), borderColor: '#d95f02', pointRadius: 0, yAxisID: 'y2'}]},
    options: {scales: {y: {min: 0, title: {display: true, text: 'breaks per month'}}, y2: {position: 'right', grid: {drawOnChartArea: false}, title: {display: true, text: 'rolling 12 months'}}}}},
    D.trends.length ? null : 'no break records');
  var months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  chart('chart-seasonality', {type: 'line', data: {labels: months, datasets: D.seasonality.map(function (s, i) {
      return {label: String(s.year), data: s.breaks, borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length], tension: 0.2};
    })}, options: {scales: {x: {ticks: {autoSkip: false}}, y: {min: 0, title: {display: true, text: 'breaks'}}}}},
    D.seasonality.length ? null : 'no break records');

  // 2. environmental and geotechnical drivers
  scatter('chart-freezing', D.climate, 'freezingIndex', 'freezing index (degree-days below 0 °C)', 'no temperature for the break months');
  scatter('chart-tdrop', D.climate, 'tDrop', 'temperature drop from the previous month (°C)', 'no temperature for the break months');
  scatter('chart-precip', D.climate, 'precip', 'precipitation (mm)', 'no precipitation for the break months');
  bars('chart-soil', D.soil.map(function (s) { return s.corrosivity + ' (' + s.zones + (s.zones === 1 ? ' zone)' : ' zones)'); }),
    [{label: 'breaks per km²', data: D.soil.map(function (s) { return s.perKm2; }), backgroundColor: '#a6761d'}],
    'breaks per km²', D.soil.length ? null : 'no soil zones');

  // 3. hotspots (the maps are SVG drawn by the report writer)
  bars('chart-hotspots', D.hotspots.map(function (h) { return h.name; }),
    [{label: D.hotspotMeasure, data: D.hotspots.map(function (h) { return h.value; }), backgroundColor: '#bd0026'}],
    D.hotspotMeasure, D.hotspots.length ? null : 'no areas');

  // 4. risk ranking, by name
  function riskName(r) { return r.area ? r.name + ' (' + r.area + ')' : r.name; }
  bars('chart-risk-top', D.riskTop.map(riskName),
    [{label: D.riskMeasureLabel, data: D.riskTop.map(function (r) { return r[D.riskMeasure]; }), backgroundColor: '#7570b3'}],
    D.riskMeasureLabel, D.riskTop.length ? null : 'no risk scores');
  chart('chart-risk-class', {type: 'doughnut', data: {labels: D.riskClasses.map(function (c) { return c.riskClass + ' (' + c.assets + ')'; }),
      datasets: [{data: D.riskClasses.map(function (c) { return c.assets; }), backgroundColor: ['#bd0026', '#f03b20', '#fd8d3c', '#fecc5c', '#ffffb2', '#cccccc']}]}},
    D.riskClasses.length ? null : 'no risk scores');
  var riskColumns = [['rank', 'rank'], ['asset', 'name']];
  if (D.riskTop.some(function (r) { return r.area; })) { riskColumns.push(['area', 'area']); }
  riskColumns.push(D.riskMeasure === 'expected'
    ? ['expected breaks', function (r) { return fmt(r.expected, 2); }]
    : ['probability', function (r) { return fmt(r.probability, 3); }]);
  table('table-risk', riskColumns.concat([['class', 'riskClass'], ['driver 1', 'driver1'], ['driver 2', 'driver2'], ['driver 3', 'driver3']]), D.riskTop);

  // 5. model card: one line per scorer over the test years (the model's years joined), metrics pivoted by scorer
  var M = D.model;
  chart('chart-metrics', {type: 'line', data: {labels: M.years.map(String), datasets: M.series.map(function (s, i) {
      var model = s.scorer === 'model';
      return {label: s.scorer, data: s.values, spanGaps: true, borderColor: model ? '#1f5f8b' : PALETTE[(i % (PALETTE.length - 1)) + 1],
        backgroundColor: model ? '#1f5f8b' : PALETTE[(i % (PALETTE.length - 1)) + 1], borderDash: model ? [] : [5, 4], borderWidth: model ? 3 : 1.5};
    })}, options: {scales: {x: {ticks: {autoSkip: false}, title: {display: true, text: 'test year'}}, y: {title: {display: true, text: M.metricLabel || ''}}}}},
    M.series.length ? null : 'no per-year metrics');
  chart('chart-calibration', {type: 'scatter', data: {datasets: [
      {label: 'observed', data: M.calibration.map(function (c) { return {x: c.predicted, y: c.observed}; }), backgroundColor: '#1b9e77', pointRadius: 5, showLine: true, borderColor: '#1b9e77'},
      {label: 'perfect calibration', data: [{x: 0, y: 0}, {x: 1, y: 1}], showLine: true, borderColor: '#999', borderDash: [4, 4], pointRadius: 0}]},
    options: {plugins: {subtitle: {display: !!M.calibrationSource, text: M.calibrationSource || ''}},
      scales: {x: {min: 0, max: 1, title: {display: true, text: 'mean predicted probability'}}, y: {min: 0, max: 1, title: {display: true, text: 'observed share with a break'}}}}},
    M.calibration.length ? null : 'no scores with a known outcome');
  bars('chart-importance', M.importance.map(function (f) { return f.feature; }),
    [{label: 'importance', data: M.importance.map(function (f) { return f.importance; }), backgroundColor: '#66a61e'}],
    'importance', M.importance.length ? null : 'no feature importance');
  (function () {
    var el = document.getElementById('table-metrics');
    if (!M.pivot.length) { el.outerHTML = nonePara('none: no metrics recorded'); return; }
    var html = '<thead><tr><th>metric</th>' + M.scorers.map(function (s) { return '<th class="num">' + esc(s) + '</th>'; }).join('') + '</tr></thead><tbody>';
    M.pivot.forEach(function (r) {
      html += '<tr><td>' + esc(r.metric.replace(/_/g, ' ')) + '</td>' + r.values.map(function (v) { return '<td class="num">' + num(v, !r.count) + '</td>'; }).join('') + '</tr>';
    });
    el.innerHTML = html + '</tbody>';
  })();

  // 6. data quality, by source; sources with nothing to say in one line
  var Q = D.dq;
  var withRows = Q.sources.filter(function (s) { return s.rejected + s.filtered + s.flagged > 0; });
  bars('chart-dq', withRows.map(function (s) { return s.source; }), [
      {label: 'rejected rows', data: withRows.map(function (s) { return s.rejected; }), backgroundColor: '#d95f02'},
      {label: 'filtered rows', data: withRows.map(function (s) { return s.filtered; }), backgroundColor: '#7570b3'},
      {label: 'flagged rows', data: withRows.map(function (s) { return s.flagged; }), backgroundColor: '#e6ab02'}],
    'rows', withRows.length ? null : 'no rejected, filtered or flagged rows', true);
  (function () {
    var el = document.getElementById('dq-sources');
    var html = '<h3>By source</h3>';
    if (!Q.sources.length) { html += nonePara('none: no source has rejected, filtered or flagged rows or a check that did not pass'); }
    Q.sources.forEach(function (s) {
      html += '<div class="source"><h4>' + esc(s.source) + ' <span class="muted">(' + esc(s.kind) + ', ' + s.runs + (s.runs === 1 ? ' run' : ' runs') + ', last ' + esc(s.lastRun) + ')</span></h4>'
        + '<p>' + num(s.read) + ' rows read, ' + num(s.loaded) + ' loaded, ' + num(s.rejected) + ' rejected, ' + num(s.filtered) + ' filtered, ' + num(s.flagged) + ' flagged.</p>';
      html += s.checks.length ? '<table><thead><tr><th>check not passed</th><th>severity</th><th class="num">runs</th><th class="num">rows</th><th class="num">worst %</th><th>message (one of them)</th></tr></thead><tbody>'
        + s.checks.map(function (c) { return '<tr><td>' + esc(c.check) + '</td><td>' + esc(c.severity) + '</td><td class="num">' + num(c.runs) + '</td><td class="num">' + num(c.unexpected) + '</td><td class="num">' + fmt(c.percent, 2) + '</td><td>' + esc(c.message) + '</td></tr>'; }).join('') + '</tbody></table>'
        : nonePara('Checks not passed: none.');
      html += s.rejects.length ? '<table><thead><tr><th>rejection rule</th><th class="num">rows</th><th>example</th></tr></thead><tbody>'
        + s.rejects.map(function (r) { return '<tr><td>' + esc(r.rule) + '</td><td class="num">' + num(r.rows) + '</td><td>' + esc(r.example) + '</td></tr>'; }).join('') + '</tbody></table>'
        : nonePara('Rejected rows: none.');
      html += '</div>';
    });
    html += Q.quiet.length ? '<p>Nothing to report (no rejected, filtered or flagged rows, every check passed): ' + Q.quiet.map(esc).join(', ') + '.</p>'
      : (Q.runs ? '' : nonePara('none: no ingest runs'));
    el.innerHTML = html;
  })();

  // render status: every chart's canvas must hold drawn pixels, every map its shapes
  function measure() {
    charts.forEach(function (c) {
      var canvas = c.chart.canvas;
      var pixels = 0;
      try {
        var img = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        for (var i = 3; i < img.length; i += 4) { if (img[i] > 0) { pixels++; } }
      } catch (e) { status.errors.push(c.id + ': ' + e.message); }
      var entry = {width: canvas.width, height: canvas.height, drawnPixels: pixels};
      var config = c.chart.config;
      if (config.type === 'bar') {
        var axis = c.chart.scales[config.options.indexAxis === 'y' ? 'y' : 'x'];
        entry.bars = c.chart.data.labels.length;
        entry.labelsDrawn = axis.ticks.length;
      }
      status.charts[c.id] = entry;
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
  setTimeout(measure, 0); // after the scripts of extra sections, which follow in the same element
})();
