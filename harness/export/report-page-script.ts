/**
 * The report page's own script, inlined into report.html after Chart.js. It reads the model that
 * harness/export/report-model.ts computed (`<script type="application/json" id="report-model">`)
 * and only draws: every text goes in through `textContent`, never innerHTML, because impl names
 * and failure reasons come from results files.
 *
 * Plain ES2017 in a raw string (no template literals inside, so `${` never needs escaping); it is
 * exercised in a real browser by test/report-browser.test.ts.
 *
 * NOTE: element ids here and in html.ts must change together.
 */
export const REPORT_PAGE_SCRIPT = String.raw`(function () {
  'use strict';
  var model = JSON.parse(document.getElementById('report-model').textContent);
  var number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
  var charts = [];

  function byId(id) { return document.getElementById(id); }
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function workerLabel(w) { return w + (w === 1 ? ' worker' : ' workers'); }
  function fade(hex, alpha) {
    var n = parseInt(hex.slice(1), 16);
    return 'rgba(' + ((n >> 16) & 255) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + alpha + ')';
  }
  function withUnit(unit) {
    return function (ctx) {
      var y = ctx.parsed.y;
      return (ctx.dataset.label || '') + ': ' + (y === null || y === undefined ? 'n/a' : number.format(y) + ' ' + unit);
    };
  }

  // ---- Text: header, legend, banner, table, environment --------------------------------------
  document.title = model.title;
  byId('title').textContent = model.title;
  byId('subtitle').textContent = model.subtitle;
  var legend = byId('impl-legend');
  model.impls.forEach(function (item) {
    var entry = el('span', null, 'legend-item');
    var swatch = el('span', null, 'swatch');
    swatch.style.backgroundColor = item.colour;
    entry.appendChild(swatch);
    entry.appendChild(el('span', item.impl));
    legend.appendChild(entry);
  });
  if (model.banner) {
    var banner = byId('banner');
    banner.hidden = false;
    banner.appendChild(el('strong', model.banner.headline));
    var problems = el('ul');
    model.banner.items.forEach(function (item) { problems.appendChild(el('li', item)); });
    banner.appendChild(problems);
  }
  var table = byId('summary');
  var head = el('tr');
  model.table.columns.forEach(function (column) {
    var th = el('th', column.title, column.align === 'right' ? 'num' : '');
    th.scope = 'col';
    head.appendChild(th);
  });
  table.tHead.appendChild(head);
  model.table.rows.forEach(function (row) {
    var tr = el('tr');
    tr.dataset.state = row.state;
    row.cells.forEach(function (cell, i) {
      var column = model.table.columns[i];
      // "1,070 ms ± 0.8 %": the margin goes on its own line so the full table fits a laptop screen.
      var split = cell.indexOf(' ± ');
      var td = el(i === 0 ? 'th' : 'td', split === -1 ? cell : cell.slice(0, split), column && column.align === 'right' ? 'num' : '');
      if (split !== -1) td.appendChild(el('span', cell.slice(split + 1), 'margin'));
      tr.appendChild(td);
    });
    table.tBodies[0].appendChild(tr);
  });
  function fillList(id, items) {
    var list = byId(id);
    items.forEach(function (item) {
      list.appendChild(el('dt', item.label));
      list.appendChild(el('dd', item.value));
    });
  }
  if (model.notablePages.length > 0) {
    byId('notable').hidden = false;
    var notableBody = byId('notable-pages').tBodies[0];
    model.notablePages.forEach(function (page) {
      var tr = el('tr');
      tr.appendChild(el('td', page.url));
      tr.appendChild(el('td', page.status));
      tr.appendChild(el('td', page.error));
      notableBody.appendChild(tr);
    });
  }
  fillList('environment', model.environment);
  fillList('config', model.config);

  // ---- Chart.js setup ------------------------------------------------------------------------
  // No animation: print and screenshots must capture the charts fully drawn.
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = 12;
  Chart.defaults.color = '#222';

  // Min–max whiskers over bars, and a cross where a configuration failed (no bar to draw).
  var whiskers = {
    id: 'whiskers',
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx;
      var y = chart.scales.y;
      chart.data.datasets.forEach(function (dataset, i) {
        if (!chart.isDatasetVisible(i)) return;
        chart.getDatasetMeta(i).data.forEach(function (bar, j) {
          if (!isFinite(bar.x)) return;
          ctx.save();
          if (dataset.whiskerMin && dataset.whiskerMin[j] !== null && dataset.whiskerMax[j] !== null) {
            var top = y.getPixelForValue(dataset.whiskerMax[j]);
            var bottom = y.getPixelForValue(dataset.whiskerMin[j]);
            var half = Math.max(3, Math.min(7, bar.width / 4));
            ctx.strokeStyle = '#111';
            ctx.lineWidth = 1.5;
            ctx.beginPath();
            ctx.moveTo(bar.x, top); ctx.lineTo(bar.x, bottom);
            ctx.moveTo(bar.x - half, top); ctx.lineTo(bar.x + half, top);
            ctx.moveTo(bar.x - half, bottom); ctx.lineTo(bar.x + half, bottom);
            ctx.stroke();
          }
          if (dataset.failedAt && dataset.failedAt[j]) {
            ctx.fillStyle = '#b00020';
            ctx.font = 'bold 12px ' + Chart.defaults.font.family;
            ctx.textAlign = 'center';
            ctx.textBaseline = 'bottom';
            ctx.fillText('\u2715 failed', bar.x, y.bottom - 2);
          }
          ctx.restore();
        });
      });
    },
  };

  // Legend entries drawn as short lines, so dashed and dotted series are told apart.
  // A zero-height legend box is stroked as a line with the dataset's dash pattern.
  var lineLegend = { boxWidth: 30, boxHeight: 0 };
  // Log axes label only 1, 2 and 5 × 10^n; Chart.js's default can print two ticks as the same rounded number.
  function logTick(value) {
    var mantissa = value / Math.pow(10, Math.floor(Math.log10(value)));
    return [1, 2, 5].indexOf(Math.round(mantissa * 1000) / 1000) === -1 ? '' : number.format(value);
  }
  function axis(title, extra) {
    var scale = { title: { display: true, text: title }, beginAtZero: true };
    return Object.assign(scale, extra || {});
  }
  function draw(canvas, config) {
    config.plugins = (config.plugins || []).concat([whiskers]);
    charts.push(new Chart(canvas, config));
  }
  function barDataset(series, label, index) {
    return {
      label: label,
      data: series.values.map(function (v, j) { return index === undefined || j === index ? v : null; }),
      backgroundColor: fade(series.colour, 0.85),
      borderColor: series.colour,
      borderWidth: 1,
      whiskerMin: series.min,
      whiskerMax: series.max,
      failedAt: series.failed,
    };
  }
  function groupedBars(canvasId, seriesList, yTitle, unit) {
    draw(byId(canvasId), {
      type: 'bar',
      data: {
        labels: model.workers.map(workerLabel),
        datasets: seriesList.map(function (series) { return barDataset(series, series.impl); }),
      },
      options: {
        scales: { x: { title: { display: true, text: 'worker count' } }, y: axis(yTitle) },
        plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: withUnit(unit) } } },
      },
    });
  }

  // 1. Wall time: one panel per worker count, each with its own scale, so that 50 workers' ~0.3 s
  // bars are as readable as 1 worker's ~10 s ones.
  var panels = byId('wall-panels');
  model.workers.forEach(function (w, i) {
    var box = el('div', null, 'box panel');
    var canvas = el('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', 'Crawl wall time at ' + workerLabel(w));
    box.appendChild(canvas);
    panels.appendChild(box);
    var datasets = model.wallMs.map(function (series) {
      var d = barDataset(series, series.impl);
      d.data = model.impls.map(function (impl) { return impl.impl === series.impl ? series.values[i] : null; });
      d.whiskerMin = model.impls.map(function (impl) { return impl.impl === series.impl ? series.min[i] : null; });
      d.whiskerMax = model.impls.map(function (impl) { return impl.impl === series.impl ? series.max[i] : null; });
      d.failedAt = model.impls.map(function (impl) { return impl.impl === series.impl && series.failed[i]; });
      d.skipNull = true;
      return d;
    });
    var bound = model.lowerBoundMs[i];
    if (bound !== null) {
      datasets.push({
        type: 'line', label: 'lower bound', data: model.impls.map(function () { return bound; }),
        borderColor: '#222', borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0, fill: false,
      });
    }
    draw(canvas, {
      type: 'bar',
      data: { labels: model.impls.map(function (impl) { return impl.impl; }), datasets: datasets },
      options: {
        datasets: { bar: { grouped: false } },
        scales: { x: { ticks: { autoSkip: false } }, y: axis('crawl wall time (ms)') },
        plugins: {
          title: { display: true, text: workerLabel(w) },
          legend: { labels: Object.assign({ filter: function (item) { return item.text === 'lower bound'; } }, lineLegend) },
          tooltip: { callbacks: { label: withUnit('ms') } },
        },
      },
    });
  });

  // 2. Peak memory.
  groupedBars('chart-rss', model.peakRssMib, 'peak tree RSS (MiB)', 'MiB');
  if (model.peakPssMib) {
    groupedBars('chart-pss', model.peakPssMib, 'peak tree PSS (MiB)', 'MiB');
  } else {
    var pssBox = byId('chart-pss').parentNode;
    pssBox.replaceWith(el('p', 'PSS was not measured (it needs Linux /proc/<pid>/smaps_rollup).', 'caption'));
  }

  // 3. Memory over the median run, one worker count at a time.
  var select = byId('timeline-workers');
  var timelineChart = null;
  function drawTimeline(index) {
    var entry = model.timelines[index];
    var datasets = [];
    entry.series.forEach(function (series) {
      datasets.push({
        label: series.impl + ' RSS', borderColor: series.colour, backgroundColor: series.colour,
        data: series.points.map(function (p) { return { x: p[0], y: p[1] }; }), pointRadius: 0, borderWidth: 2,
      });
      if (series.points.some(function (p) { return p[2] !== null; })) {
        datasets.push({
          label: series.impl + ' PSS', borderColor: series.colour, backgroundColor: series.colour, borderDash: [5, 4],
          data: series.points.map(function (p) { return { x: p[0], y: p[2] }; }), pointRadius: 0, borderWidth: 1.5,
        });
      }
    });
    var note = entry.series.map(function (s) { return s.impl + ' run ' + s.runIndex; }).join(', ');
    byId('timeline-note').textContent = entry.series.length === 0
      ? 'No valid run at ' + workerLabel(entry.workers) + '.'
      : 'Runs shown (the valid run with the median wall time): ' + note + '. Solid: RSS; dashed: PSS.';
    if (timelineChart) {
      timelineChart.data.datasets = datasets;
      timelineChart.update();
      return;
    }
    draw(byId('chart-timeline'), {
      type: 'line',
      data: { datasets: datasets },
      options: {
        parsing: true,
        scales: { x: { type: 'linear', title: { display: true, text: 'time since spawn (s)' }, beginAtZero: true }, y: axis('tree memory (MiB)') },
        plugins: { legend: { position: 'bottom', labels: lineLegend }, tooltip: { callbacks: { label: withUnit('MiB') } } },
      },
    });
    timelineChart = charts[charts.length - 1];
  }
  var fullest = 0;
  model.timelines.forEach(function (entry, i) {
    var option = el('option', workerLabel(entry.workers));
    option.value = String(i);
    select.appendChild(option);
    if (entry.series.length >= model.timelines[fullest].series.length) fullest = i;
  });
  if (model.timelines.length > 0) {
    select.value = String(fullest);
    drawTimeline(fullest);
    select.addEventListener('change', function () { drawTimeline(Number(select.value)); });
  }

  // 4. Scaling.
  var scaling = model.pagesPerSec.map(function (series) {
    return {
      label: series.impl, data: series.values, borderColor: series.colour, backgroundColor: series.colour,
      pointRadius: 4, borderWidth: 2, spanGaps: false,
    };
  });
  scaling.push({
    label: 'upper bound (pages \u00f7 lower bound)', data: model.boundPagesPerSec,
    borderColor: '#666', backgroundColor: '#666', borderDash: [6, 4], pointRadius: 0, borderWidth: 1.5,
  });
  draw(byId('chart-scaling'), {
    type: 'line',
    data: { labels: model.workers.map(String), datasets: scaling },
    options: {
      scales: { x: { title: { display: true, text: 'workers' } }, y: axis('throughput (pages/s)') },
      plugins: { legend: { position: 'bottom', labels: lineLegend }, tooltip: { callbacks: { label: withUnit('pages/s') } } },
    },
  });

  // 5. CPU: user and system stacked, one stack per implementation.
  var cpu = [];
  model.cpuUserMs.forEach(function (series, i) {
    var user = barDataset(series, series.impl + ' user');
    user.stack = series.impl;
    var system = barDataset(model.cpuSystemMs[i], series.impl + ' system');
    system.stack = series.impl;
    system.backgroundColor = fade(series.colour, 0.35);
    system.whiskerMin = null;
    system.failedAt = null;
    cpu.push(user, system);
  });
  draw(byId('chart-cpu'), {
    type: 'bar',
    data: { labels: model.workers.map(workerLabel), datasets: cpu },
    options: {
      scales: { x: { stacked: true, title: { display: true, text: 'worker count' } }, y: axis('CPU time, median (ms)', { stacked: true }) },
      plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: withUnit('ms') } } },
    },
  });

  // 6. Trends across benches.
  if (model.trend) {
    byId('trend').hidden = false;
    var dashes = [[], [6, 3], [2, 3], [10, 3, 2, 3]];
    // Wall times span 1 to 50 workers, two orders of magnitude: only that chart needs a log axis.
    [['chart-trend-wall', 'wallMs', 'Median crawl wall time', 'ms', true],
      ['chart-trend-cpu', 'cpuMs', 'Median CPU time (user + sys)', 'ms', false],
      ['chart-trend-rss', 'peakRssMib', 'Median peak tree RSS', 'MiB', false]].forEach(function (spec) {
      draw(byId(spec[0]), {
        type: 'line',
        data: {
          labels: model.trend.labels,
          datasets: model.trend.series.map(function (series) {
            return {
              label: series.impl + '@' + series.workers, data: series[spec[1]], borderColor: series.colour,
              backgroundColor: series.colour, borderDash: dashes[model.workers.indexOf(series.workers) % dashes.length] || [],
              pointRadius: 2, borderWidth: 1.5,
            };
          }),
        },
        options: {
          scales: {
            x: { title: { display: true, text: 'bench (date, commit)' }, ticks: { maxRotation: 0, autoSkip: true } },
            y: spec[4] ? axis(spec[3] + ' (log scale)', { type: 'logarithmic', beginAtZero: false, ticks: { callback: logTick } }) : axis(spec[3]),
          },
          plugins: {
            title: { display: true, text: spec[2] },
            legend: { position: 'bottom', labels: lineLegend },
            tooltip: { callbacks: { label: withUnit(spec[3]) } },
          },
        },
      });
    });
  }

  // Print layout differs from the screen's; resize so printed charts fill their boxes.
  window.addEventListener('beforeprint', function () { charts.forEach(function (chart) { chart.resize(); }); });
  document.documentElement.dataset.ready = 'true';
})();
`;
