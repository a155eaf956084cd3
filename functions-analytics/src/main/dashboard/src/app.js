// The analytics page: reads the API on the same origin with the key the user pasted (kept in sessionStorage only,
// so it is gone when the tab closes), and draws KPI tiles, the trend with its anomalies, the forecast with its
// 80/95 % bands, reputation against the mailbox providers' lines and the open recommendations.
// Every shown number has a stable data-testid and its raw value in data-value, which DashboardBrowserTest reads.
import {
  Chart, CategoryScale, Filler, Legend, LinearScale, LineController, LineElement, PointElement, ScatterController, Tooltip,
} from 'chart.js';

Chart.register(CategoryScale, Filler, Legend, LinearScale, LineController, LineElement, PointElement, ScatterController, Tooltip);

const KEY_STORAGE = 'penguinmails.apiKey';
const DAY_MS = 24 * 3600 * 1000;
const FORECAST_HORIZON = 14;

// The tiles, in order: a count is read from totals.counts, a rate from totals.rates (value null: no denominator yet).
const TILES = [
  { id: 'sent', label: 'Sent', kind: 'count' },
  { id: 'delivered', label: 'Delivered', kind: 'count' },
  { id: 'deliverability', label: 'Deliverability', kind: 'rate' },
  { id: 'uniqueOpenRate', label: 'Unique open rate', kind: 'rate' },
  { id: 'uniqueClickRate', label: 'Click rate', kind: 'rate' },
  { id: 'bounceRate', label: 'Bounce rate', kind: 'rate' },
  { id: 'complaintRate', label: 'Complaint rate', kind: 'rate' },
  { id: 'replies', label: 'Replies', kind: 'count' },
];

// The lines a sender is held to (shared/reference/deliverability.md): warn and pause for bounces; Gmail/Yahoo's
// recommended and maximum complaint rates, and the pause line.
const REPUTATION = [
  { id: 'bounceRate', label: 'Bounce rate', lines: [{ name: 'warn', value: 0.05 }, { name: 'pause', value: 0.10 }] },
  {
    id: 'complaintRate', label: 'Complaint rate',
    lines: [{ name: 'Gmail/Yahoo recommended', value: 0.001 }, { name: 'Gmail/Yahoo maximum', value: 0.003 }, { name: 'pause', value: 0.005 }],
  },
];

const RATE_METRICS = new Set(['deliverability', 'bounceRate', 'hardBounceRate', 'complaintRate', 'uniqueOpenRate',
  'uniqueClickRate', 'clickToOpenRate', 'unsubscribeRate', 'replyRate', 'machineOpenShare', 'inboxPlacementRate']);

const $ = (id) => document.getElementById(id);
const charts = {};

class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

async function api(path) {
  const key = sessionStorage.getItem(KEY_STORAGE);
  const response = await fetch(path, { headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' } });
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = { detail: text }; }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

export function formatCount(value) {
  return value == null ? '—' : Number(value).toLocaleString('en-US');
}

export function formatRate(value) {
  if (value == null || Number.isNaN(value)) return '—';
  const percent = value * 100;
  // Complaint rates live around 0.1 %: two decimals would round the Gmail/Yahoo lines away.
  const digits = percent !== 0 && Math.abs(percent) < 1 ? 3 : 1;
  return `${percent.toFixed(digits)} %`;
}

const format = (metric, value) => (RATE_METRICS.has(metric) ? formatRate(value) : formatCount(value));

function setStatus(text, state) {
  $('status').textContent = text;
  document.body.dataset.state = state;
}

// The window the user picked, in UTC: from the start of the From day to the end of the To day; none picked, the
// API's own default (the last 7 days) applies and its answer says which window that was.
function windowQuery() {
  const params = new URLSearchParams();
  if ($('from').value) params.set('from', new Date(`${$('from').value}T00:00:00Z`).toISOString());
  if ($('to').value) params.set('to', new Date(new Date(`${$('to').value}T00:00:00Z`).getTime() + DAY_MS).toISOString());
  return params;
}

function renderTiles(kpis) {
  const tiles = $('tiles');
  tiles.replaceChildren();
  for (const tile of TILES) {
    const element = document.createElement('div');
    element.className = 'tile';
    element.setAttribute('data-testid', `kpi-${tile.id}`);
    let value;
    let detail = '';
    if (tile.kind === 'count') {
      value = kpis.totals?.counts?.[tile.id] ?? 0;
    } else {
      const rate = kpis.totals?.rates?.[tile.id];
      value = rate?.value ?? null;
      if (rate) detail = `${rate.numerator} / ${rate.denominator}`;
    }
    element.dataset.value = value == null ? '' : String(value);
    const label = document.createElement('span');
    label.className = 'label';
    label.textContent = tile.label;
    const shown = document.createElement('span');
    shown.className = 'value';
    shown.textContent = tile.kind === 'count' ? formatCount(value) : formatRate(value);
    const sub = document.createElement('span');
    sub.className = 'sub';
    sub.textContent = detail;
    element.append(label, shown, sub);
    tiles.append(element);
  }
  $('window').textContent = `${day(kpis.from)} – ${day(kpis.to)} (UTC)`;
  $('window').dataset.from = kpis.from;
  $('window').dataset.to = kpis.to;
}

function renderReputation(kpis) {
  const box = $('reputation');
  box.replaceChildren();
  for (const signal of REPUTATION) {
    const rate = kpis.totals?.rates?.[signal.id];
    const value = rate?.value ?? null;
    const crossed = value == null ? [] : signal.lines.filter((line) => value >= line.value);
    const state = value == null ? 'no-data' : crossed.length === 0 ? 'healthy' : crossed.at(-1).name;
    const row = document.createElement('div');
    row.className = `signal ${value == null ? 'no-data' : crossed.length === 0 ? 'healthy' : crossed.length === signal.lines.length ? 'bad' : 'warn'}`;
    row.setAttribute('data-testid', `reputation-${signal.id}`);
    row.dataset.value = value == null ? '' : String(value);
    row.dataset.state = state;
    const top = signal.lines.at(-1).value * 1.5;
    const bar = document.createElement('div');
    bar.className = 'bar';
    const fill = document.createElement('div');
    fill.className = 'fill';
    fill.style.width = `${Math.min(100, ((value ?? 0) / top) * 100)}%`;
    bar.append(fill);
    for (const line of signal.lines) {
      const mark = document.createElement('div');
      mark.className = 'line';
      mark.style.left = `${(line.value / top) * 100}%`;
      mark.title = `${line.name}: ${formatRate(line.value)}`;
      bar.append(mark);
    }
    const text = document.createElement('p');
    text.textContent = `${signal.label}: ${formatRate(value)} — ${value == null ? 'nothing sent yet' : state === 'healthy' ? 'below every line' : `at or above "${state}"`}`
      + ` (lines: ${signal.lines.map((l) => `${l.name} ${formatRate(l.value)}`).join(', ')})`;
    row.append(text, bar);
    box.append(row);
  }
}

function day(iso) {
  return iso ? String(iso).slice(0, 10) : '';
}

function label(iso, granularity) {
  return granularity === 'hour' ? String(iso).slice(5, 16).replace('T', ' ') : day(iso);
}

function drawChart(id, config) {
  charts[id]?.destroy();
  charts[id] = new Chart($(id), {
    ...config,
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
      ...config.options,
    },
  });
}

function yAxis(metric) {
  // Counts and rates are never negative; the API clamps its intervals at 0 too.
  return { min: 0, ticks: { callback: (v) => format(metric, v) } };
}

// The trend from /v1/analytics/trends; where that cannot answer, the KPI series for the same metric, without analysis.
async function renderTrend(metric, kpis, query) {
  let points;
  let anomalies = [];
  let note = '';
  try {
    const trend = await api(`/v1/analytics/trends?${new URLSearchParams({ ...Object.fromEntries(query), metric, granularity: 'day' })}`);
    points = (trend.points || []).map((p) => ({ start: p.start, value: p.value, movingAverage: p.movingAverage ?? null }));
    anomalies = trend.anomalies || [];
    const parts = [];
    const pop = trend.periodOverPeriod;
    if (pop && pop.change != null) parts.push(`${pop.change >= 0 ? '+' : ''}${(pop.change * 100).toFixed(1)} % on the previous period`);
    if (trend.slope) {
      // A rate's slope is a few thousandths of a point a day: percentage points with two significant digits.
      const slope = (v) => (RATE_METRICS.has(metric) ? `${(v * 100).toPrecision(2)} pp` : formatCount(Number(v.toPrecision(3))));
      parts.push(`slope ${slope(trend.slope.perPeriod)}/day (95 %: ${slope(trend.slope.low95)} to ${slope(trend.slope.high95)}), `
        + (trend.slope.significant ? 'significant' : 'not significant'));
    } else if (trend.notEnoughPoints) {
      parts.push(`slope needs ${trend.notEnoughPoints.minimum} points, has ${trend.notEnoughPoints.available}`);
    }
    $('trend-summary').textContent = parts.join('; ');
    note = anomalies.length ? `${anomalies.length} anomal${anomalies.length === 1 ? 'y' : 'ies'} (red): `
      + anomalies.map((a) => `${day(a.start)} ${format(metric, a.value)} ${a.direction} ${format(metric, a.low)}–${format(metric, a.high)}`).join('; ')
      : 'No anomalies.';
  } catch (error) {
    points = (kpis.series || []).map((bucket) => ({
      start: bucket.start,
      value: RATE_METRICS.has(metric) ? bucket.rates?.[metric]?.value ?? null : bucket.counts?.[metric] ?? 0,
      movingAverage: null,
    }));
    $('trend-summary').textContent = '';
    note = `Trend analysis unavailable (${error.message}); showing the KPI series.`;
  }
  $('trend-note').textContent = note;
  $('trend-note').dataset.anomalies = String(anomalies.length);
  const labels = points.map((p) => label(p.start, 'day'));
  const anomalyAt = new Map(anomalies.map((a) => [label(a.start, 'day'), a.value]));
  drawChart('trend-chart', {
    type: 'line',
    data: {
      labels,
      datasets: [
        { label: metric, data: points.map((p) => p.value), borderColor: '#2563eb', backgroundColor: '#2563eb', pointRadius: 2, tension: 0.2, spanGaps: true },
        { label: '7-period average', data: points.map((p) => p.movingAverage), borderColor: '#94a3b8', borderDash: [6, 4], pointRadius: 0, spanGaps: true },
        { label: 'anomaly', type: 'scatter', data: labels.map((l) => anomalyAt.get(l) ?? null), backgroundColor: '#dc2626', borderColor: '#dc2626', pointRadius: 6 },
      ],
    },
    options: { scales: { y: yAxis(metric) } },
  });
}

// The lines a rate may cross (complaint and bounce rates), drawn across the chart: the lowest always, the others
// only when near the data, so a far pause line does not flatten the curve.
function thresholdLines(thresholds, values, length) {
  const top = Math.max(0, ...values.filter((v) => v != null));
  const colours = ['#a16207', '#b91c1c', '#7f1d1d'];
  return [...thresholds].sort((a, b) => a.value - b.value)
    .filter((t, i) => i === 0 || t.value <= top * 1.5)
    .map((t, i) => ({ label: `${t.name} ${formatRate(t.value)}`, data: Array(length).fill(t.value), borderColor: colours[i % colours.length],
      borderWidth: 1, borderDash: [2, 2], pointRadius: 0 }));
}

// MASE is undefined (null) when the history has no change to scale by, e.g. all zeros but the last day: then the MAE.
function backtestScore(score) {
  return score?.mase != null ? `MASE ${score.mase.toFixed(2)}` : `MAE ${Number(score?.mae ?? 0).toFixed(2)}`;
}

async function renderForecast(metric) {
  $('forecast-thresholds').replaceChildren();
  $('forecast-note').textContent = '';
  $('forecast-summary').textContent = '';
  try {
    const forecast = await api(`/v1/analytics/forecast?${new URLSearchParams({ metric, horizon: String(FORECAST_HORIZON) })}`);
    $('forecast-chart').parentElement.hidden = false;
    const history = forecast.history?.series || []; // the days the model was fitted to: { start, value }
    const ahead = forecast.points || [];
    const labels = [...history.map((p) => day(p.start)), ...ahead.map((p) => day(p.start))];
    const pad = (values) => [...history.map(() => null), ...values];
    const last = history.length ? history.at(-1).value : null;
    // The forecast lines start at the last observed point so the two read as one curve.
    const join = (values) => { const series = pad(values); if (history.length) series[history.length - 1] = last; return series; };
    drawChart('forecast-chart', {
      type: 'line',
      data: {
        labels,
        datasets: [
          { label: 'history', data: [...history.map((p) => p.value), ...ahead.map(() => null)], borderColor: '#2563eb', pointRadius: 0 },
          { label: '95 % low', data: join(ahead.map((p) => p.low95)), borderColor: 'transparent', pointRadius: 0, fill: false },
          { label: '95 % interval', data: join(ahead.map((p) => p.high95)), borderColor: 'transparent', backgroundColor: 'rgba(249,115,22,0.15)', pointRadius: 0, fill: '-1' },
          { label: '80 % low', data: join(ahead.map((p) => p.low80)), borderColor: 'transparent', pointRadius: 0, fill: false },
          { label: '80 % interval', data: join(ahead.map((p) => p.high80)), borderColor: 'transparent', backgroundColor: 'rgba(249,115,22,0.3)', pointRadius: 0, fill: '-1' },
          { label: 'forecast', data: join(ahead.map((p) => p.mean)), borderColor: '#ea580c', borderDash: [4, 3], pointRadius: 0 },
          ...thresholdLines(forecast.thresholds || [], [...history.map((p) => p.value), ...ahead.map((p) => p.high95)], labels.length),
        ],
      },
      options: {
        scales: { y: yAxis(metric) },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12, filter: (item) => !item.text.endsWith(' low') } } },
      },
    });
    const backtest = forecast.backtest;
    $('forecast-summary').textContent = `${forecast.model}` + (backtest
      ? ` — back-test ${backtestScore(backtest.model)} vs seasonal-naive ${backtestScore(backtest.seasonalNaive)} (${backtest.winner} wins, ${backtest.origins} origins)`
      : '');
    for (const threshold of forecast.thresholds || []) {
      const item = document.createElement('li');
      item.setAttribute('data-testid', `threshold-${threshold.name}`);
      const crossing = threshold.crossing;
      item.textContent = `${threshold.name} (${formatRate(threshold.value)}): ` + (crossing && threshold.withinHorizon !== false
        ? `expected ${day(crossing.expected) || 'beyond the horizon'}, earliest ${day(crossing.earliest) || '—'}, latest ${day(crossing.latest) || 'not within the horizon'}`
        : `not within the next ${FORECAST_HORIZON} days`);
      item.className = crossing && threshold.withinHorizon !== false ? 'warn' : 'ok';
      $('forecast-thresholds').append(item);
    }
  } catch (error) {
    charts['forecast-chart']?.destroy();
    delete charts['forecast-chart'];
    $('forecast-chart').parentElement.hidden = true; // no made-up curve: the note says what is missing
    const p = error.problem || {};
    $('forecast-note').textContent = error.status === 422 && p.minimumPoints != null
      ? `Not enough history to forecast ${metric}: ${p.availablePoints ?? 0} days, ${p.minimumPoints} needed.`
      : `Forecast unavailable: ${error.message}`;
  }
}

async function renderRecommendations() {
  const list = $('recommendations');
  list.replaceChildren();
  try {
    const answer = await api('/v1/analytics/recommendations?status=open');
    const items = Array.isArray(answer) ? answer : answer?.data || answer?.recommendations || [];
    list.dataset.count = String(items.length);
    if (!items.length) {
      const none = document.createElement('li');
      none.className = 'muted';
      none.textContent = 'Nothing to fix: no open recommendations.';
      list.append(none);
    }
    for (const rec of items) {
      const item = document.createElement('li');
      item.setAttribute('data-testid', 'recommendation');
      item.dataset.type = rec.type;
      const badge = document.createElement('span');
      badge.className = `badge ${rec.impact === 'high' ? 'high' : 'low'}`;
      badge.textContent = rec.impact;
      const title = document.createElement('strong');
      title.textContent = ` ${rec.type} · ${rec.resource ?? ''}`;
      const text = document.createElement('p');
      text.textContent = rec.description ?? '';
      item.append(badge, title, text);
      if (rec.evidence) {
        const evidence = document.createElement('p');
        evidence.className = 'muted';
        const e = rec.evidence;
        evidence.textContent = `${e.metric}: ${format(e.metric, e.observed)} (line ${format(e.metric, e.threshold)}) over ${e.window ?? ''}, ${e.sampleSize ?? '?'} sends`;
        item.append(evidence);
      }
      if (rec.action) {
        const action = document.createElement('p');
        action.textContent = `What to do: ${rec.action}`;
        item.append(action);
      }
      list.append(item);
    }
  } catch (error) {
    list.dataset.count = '';
    const failed = document.createElement('li');
    failed.className = 'muted';
    failed.textContent = `Recommendations unavailable: ${error.message}`;
    list.append(failed);
  }
}

async function load() {
  if (!sessionStorage.getItem(KEY_STORAGE)) {
    setStatus('Paste an API key with the analytics:read scope.', 'no-key');
    return;
  }
  setStatus('Loading…', 'loading');
  const query = windowQuery();
  let kpis;
  try {
    kpis = await api(`/v1/analytics/kpis?${new URLSearchParams({ ...Object.fromEntries(query), granularity: 'day' })}`);
  } catch (error) {
    setStatus(error.status === 401 ? 'That API key was refused.' : error.status === 403
      ? 'That API key lacks the analytics:read scope.' : `KPIs unavailable: ${error.message}`, 'error');
    return;
  }
  renderTiles(kpis);
  renderReputation(kpis);
  const metric = $('metric').value;
  // The trend reads the window the KPIs answered for, stretched to four weeks at least: a 7-period moving average
  // and a slope need more than the default week to say anything.
  const trendFrom = Math.min(Date.parse(kpis.from), Date.parse(kpis.to) - 28 * DAY_MS);
  const window = new URLSearchParams({ from: new Date(trendFrom).toISOString(), to: kpis.to });
  await Promise.all([renderTrend(metric, kpis, window), renderForecast(metric), renderRecommendations()]);
  setStatus(`Updated ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`, 'ready');
}

function start() {
  const stored = sessionStorage.getItem(KEY_STORAGE);
  if (stored) $('api-key').value = stored;
  $('settings').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY_STORAGE, $('api-key').value.trim());
    load();
  });
  $('metric').addEventListener('change', () => load());
  $('forget').addEventListener('click', () => {
    sessionStorage.removeItem(KEY_STORAGE);
    $('api-key').value = '';
    setStatus('Key forgotten.', 'no-key');
  });
  load();
}

start();
