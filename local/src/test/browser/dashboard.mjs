// Opens the dashboard in headless Chromium as a person would: pastes the API key, waits for the page to have loaded
// everything, and prints what each tile shows as one JSON line on stdout; saves a desktop and a phone screenshot.
//   node dashboard.mjs <base url> <api key> <screenshot dir>
// Chromium: CHROMIUM_PATH or Debian's /usr/bin/chromium, with --no-sandbox (CI runs as root).
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

const [base, apiKey, screenshots] = process.argv.slice(2);
if (!base || !apiKey || !screenshots) {
  console.error('usage: node dashboard.mjs <base url> <api key> <screenshot dir>');
  process.exit(2);
}
await mkdir(screenshots, { recursive: true });

const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
});
const result = {};
try {
  for (const [name, options] of Object.entries(VIEWPORTS)) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const consoleErrors = [];
    page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    const response = await page.goto(`${base}/dashboard`, { waitUntil: 'load' });
    await page.fill('[data-testid="api-key"]', apiKey);
    await page.click('[data-testid="load"]');
    await page.waitForFunction(() => ['ready', 'error'].includes(document.body.dataset.state), null, { timeout: 30000 });
    const shown = await page.evaluate(() => {
      const text = (id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? null;
      const tiles = {};
      for (const tile of document.querySelectorAll('[data-testid^="kpi-"]')) {
        const id = tile.getAttribute('data-testid').slice('kpi-'.length);
        tiles[id] = { value: tile.dataset.value === '' ? null : Number(tile.dataset.value), text: tile.querySelector('.value')?.textContent };
      }
      const reputation = {};
      for (const row of document.querySelectorAll('[data-testid^="reputation-"]')) {
        reputation[row.getAttribute('data-testid').slice('reputation-'.length)] = {
          value: row.dataset.value === '' ? null : Number(row.dataset.value), state: row.dataset.state };
      }
      const windowElement = document.querySelector('[data-testid="window"]');
      return {
        state: document.body.dataset.state,
        status: text('status'),
        window: { from: windowElement?.dataset.from ?? null, to: windowElement?.dataset.to ?? null },
        tiles,
        reputation,
        trendNote: text('trend-note'),
        forecastNote: text('forecast-note'),
        forecastSummary: text('forecast-summary'),
        recommendations: document.querySelectorAll('[data-testid="recommendation"]').length,
        charts: [...document.querySelectorAll('canvas')].filter((c) => c.width > 0 && c.height > 0).map((c) => c.id),
        // A phone must not need sideways scrolling.
        horizontalOverflow: document.documentElement.scrollWidth > window.innerWidth + 1,
      };
    });
    const file = join(screenshots, `dashboard-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    result[name] = { httpStatus: response?.status() ?? null, ...shown, consoleErrors, screenshot: file };
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
