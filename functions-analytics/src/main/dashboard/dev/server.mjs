// A development server for the page alone (not shipped): serves the built page at /dashboard and sample answers of
// the analytics API in the shapes of helper-notes' contract, so the page can be worked on before the endpoints exist.
//   node build.mjs && node dev/server.mjs [port]      then open http://localhost:8099/dashboard, any key
// DEV_FAIL=trends,forecast,recommendations makes those answer 404 and DEV_SHORT=1 makes the forecast a 422.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const page = process.env.DASHBOARD_DIR ?? join(here, '..', 'dist');
const port = Number(process.argv[2] ?? 8099);
const failing = new Set((process.env.DEV_FAIL ?? '').split(',').filter(Boolean));
const DAY = 86400000;
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.txt': 'text/plain; charset=utf-8' };

// Seeded so every run draws the same sample.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const today = Date.UTC(2026, 11, 3);
const days = Array.from({ length: 56 }, (_, i) => today - (55 - i) * DAY);
const sentOn = days.map((_, i) => Math.round(900 + 8 * i + 250 * Math.sin((2 * Math.PI * i) / 7) + 60 * random()));
sentOn[47] = 2600; // a spike for the anomaly rule

const METRICS = ['sent', 'delivered', 'deferred', 'bouncedHard', 'bouncedSoft', 'failed', 'complaints', 'opens', 'uniqueOpens',
  'machineOpens', 'clicks', 'uniqueClicks', 'machineClicks', 'replies', 'unsubscribes', 'connections', 'meetings', 'placedInbox', 'placedSpam', 'placedOther'];
function countsFor(sent) {
  const c = Object.fromEntries(METRICS.map((m) => [m, 0]));
  c.sent = sent;
  c.bouncedHard = Math.round(sent * 0.012);
  c.bouncedSoft = Math.round(sent * 0.006);
  c.delivered = sent - c.bouncedHard - c.bouncedSoft;
  c.complaints = Math.round(sent * 0.0008);
  c.uniqueOpens = Math.round(c.delivered * 0.31);
  c.opens = Math.round(c.uniqueOpens * 1.4);
  c.machineOpens = Math.round(c.delivered * 0.2);
  c.uniqueClicks = Math.round(c.delivered * 0.042);
  c.clicks = Math.round(c.uniqueClicks * 1.3);
  c.replies = Math.round(sent * 0.021);
  c.unsubscribes = Math.round(c.delivered * 0.003);
  return c;
}
const RATES = {
  deliverability: ['delivered', 'sent'], bounceRate: ['bouncedHard+bouncedSoft', 'sent'], hardBounceRate: ['bouncedHard', 'sent'],
  complaintRate: ['complaints', 'sent'], uniqueOpenRate: ['uniqueOpens', 'delivered'], uniqueClickRate: ['uniqueClicks', 'delivered'],
  clickToOpenRate: ['uniqueClicks', 'uniqueOpens'], unsubscribeRate: ['unsubscribes', 'delivered'], replyRate: ['replies', 'sent'],
  machineOpenShare: ['machineOpens', 'opens+machineOpens'], inboxPlacementRate: ['placedInbox', 'placedInbox+placedSpam+placedOther'],
};
const sum = (c, expr) => expr.split('+').reduce((t, m) => t + c[m], 0);
const ratesFor = (c) => Object.fromEntries(Object.entries(RATES).map(([name, [n, d]]) => [name,
  { value: sum(c, d) === 0 ? null : sum(c, n) / sum(c, d), numerator: n, denominator: d }]));
const add = (a, b) => Object.fromEntries(METRICS.map((m) => [m, a[m] + b[m]]));
const valueOf = (metric, c) => (RATES[metric] ? ratesFor(c)[metric].value : c[metric]);

function window(url) {
  const to = url.searchParams.get('to') ? Date.parse(url.searchParams.get('to')) : today + DAY;
  const from = url.searchParams.get('from') ? Date.parse(url.searchParams.get('from')) : to - 7 * DAY;
  return { from, to, buckets: days.map((d, i) => ({ d, c: countsFor(sentOn[i]) })).filter((b) => b.d >= from && b.d < to) };
}

function kpis(url) {
  const { from, to, buckets } = window(url);
  const totals = buckets.reduce((t, b) => add(t, b.c), countsFor(0));
  return {
    from: new Date(from).toISOString(), to: new Date(to).toISOString(), granularity: 'day', groupBy: [], timeZone: 'UTC',
    totals: { counts: totals, rates: ratesFor(totals) },
    series: buckets.map((b) => ({ start: new Date(b.d).toISOString(), counts: b.c, rates: ratesFor(b.c) })), groups: [],
  };
}

function trends(url) {
  const metric = url.searchParams.get('metric');
  const { buckets } = window(url);
  const values = buckets.map((b) => valueOf(metric, b.c));
  const points = values.map((v, i) => ({ start: new Date(buckets[i].d).toISOString(), value: v,
    movingAverage: i < 6 ? null : values.slice(i - 6, i + 1).reduce((a, b) => a + b, 0) / 7 }));
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const mad = [...values.map((v) => Math.abs(v - median))].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const low = median - 3 * 1.4826 * mad;
  const high = median + 3 * 1.4826 * mad;
  return {
    metric, granularity: 'day', points,
    periodOverPeriod: { current: values.at(-1), previous: values.at(-8), change: (values.at(-1) - values.at(-8)) / values.at(-8) },
    slope: RATES[metric] ? { perPeriod: -0.000004, low95: -0.00001, high95: 0.000002, pValue: 0.21, significant: false }
      : { perPeriod: 7.9, low95: 3.1, high95: 12.6, pValue: 0.002, significant: true },
    anomalies: points.filter((p) => mad > 0 && (p.value > high || p.value < low))
      .map((p) => ({ start: p.start, value: p.value, low, high, direction: p.value > high ? 'above' : 'below' })),
  };
}

function forecast(url) {
  const metric = url.searchParams.get('metric');
  const horizon = Number(url.searchParams.get('horizon') ?? 14);
  if (process.env.DEV_SHORT) return [422, { type: 'https://docs.penguinmails.com/problems/insufficient-history', title: 'Insufficient history', status: 422, detail: 'Not enough history.', availablePoints: 9, minimumPoints: 16 }];
  const history = days.map((d, i) => ({ start: new Date(d).toISOString(), value: valueOf(metric, countsFor(sentOn[i])) }));
  const last = history.at(-7).value;
  const points = Array.from({ length: horizon }, (_, h) => {
    const mean = history.at(-7 + (h % 7)).value + (RATES[metric] ? 0.00002 * h : 8 * h);
    const spread = (RATES[metric] ? 0.0004 : 60) * Math.sqrt(h + 1);
    return { start: new Date(today + (h + 1) * DAY).toISOString(), mean, low80: Math.max(0, mean - 1.28 * spread), high80: mean + 1.28 * spread,
      low95: Math.max(0, mean - 1.96 * spread), high95: mean + 1.96 * spread };
  });
  const answer = {
    metric, model: 'holt-winters-additive', history: { from: history[0].start, to: new Date(today + DAY).toISOString(), points: history.length, series: history }, points,
    backtest: { origins: 5, model: { mae: 41.2, mase: 0.72 }, seasonalNaive: { mae: 57.3, mase: 1.0 }, winner: 'model' },
  };
  if (metric === 'complaintRate') {
    answer.thresholds = [
      { name: 'gmail-yahoo-recommended', value: 0.001, crossing: { expected: points[9].start, earliest: points[2].start, latest: null }, withinHorizon: true },
      { name: 'gmail-yahoo-maximum', value: 0.003, crossing: null, withinHorizon: false },
      { name: 'pause', value: 0.005, crossing: null, withinHorizon: false },
    ];
  }
  return [200, answer, last];
}

const recommendations = () => ({ data: [
  { id: 'rec_dkim_example', type: 'dkim', impact: 'high', status: 'open', resource: 'mail.example.com', description: 'DKIM is not verified for mail.example.com.',
    createdAt: new Date(today - 2 * DAY).toISOString(), updatedAt: new Date(today).toISOString(), action: 'Publish the DKIM CNAME records shown in GET /v1/domains/mail.example.com.' },
  { id: 'rec_bounce_spring', type: 'bounce-rate', impact: 'low', status: 'open', resource: 'campaign:spring', description: 'Campaign spring bounces above the line.',
    evidence: { metric: 'bounceRate', observed: 0.061, threshold: 0.05, window: '7d', sampleSize: 1840 }, action: 'Clean the list: remove addresses that bounced.' },
] });

const problem = (status, detail) => [status, { type: 'https://docs.penguinmails.com/problems/not-found', title: 'Not Found', status, detail }];

createServer(async (request, response) => {
  const url = new URL(request.url, 'http://localhost');
  const send = (status, body, type = 'application/json') => {
    response.writeHead(status, {
      'Content-Type': status >= 400 && type === 'application/json' ? 'application/problem+json' : type,
      // The policy DashboardHandler sends, so what works here works there.
      'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    });
    response.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
  };
  if (url.pathname === '/dashboard' || url.pathname.startsWith('/dashboard/')) {
    const file = url.pathname === '/dashboard' || url.pathname === '/dashboard/' ? 'index.html' : url.pathname.slice('/dashboard/'.length);
    const path = normalize(join(page, file));
    if (!path.startsWith(page)) return send(404, 'not found', 'text/plain');
    try { return send(200, await readFile(path), TYPES[extname(path)] ?? 'application/octet-stream'); } catch { return send(404, 'not found', 'text/plain'); }
  }
  if (!request.headers.authorization?.startsWith('Bearer ') || request.headers.authorization.length < 12) {
    return send(401, { title: 'Unauthorized', status: 401, detail: 'Send an API key.' });
  }
  const name = url.pathname.replace('/v1/analytics/', '');
  if (failing.has(name)) return send(...problem(404, `No route for GET /v1/analytics/${name}.`));
  if (name === 'kpis') return send(200, kpis(url));
  if (name === 'trends') return send(200, trends(url));
  if (name === 'forecast') { const [status, body] = forecast(url); return send(status, body); }
  if (name === 'recommendations') return send(200, recommendations());
  return send(...problem(404, `No route for ${request.method} ${url.pathname}.`));
}).listen(port, () => console.log(`dev server on http://localhost:${port}/dashboard`));
