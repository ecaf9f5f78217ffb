// Drives the system Chromium with playwright-core for the browser test.
//   node record-and-replay.mjs record PAGE_URL OUTPUT_FILE   records the page through three steps and uploads it
//   node record-and-replay.mjs replay PAGE_URL OUTPUT_FILE   replays the session and reports what the player did
// CHROMIUM_PATH selects the browser, default /usr/bin/chromium. The result is written as JSON to OUTPUT_FILE.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [mode, pageUrl, outputFile] = process.argv.slice(2);
if (!['record', 'replay'].includes(mode) || !pageUrl || !outputFile) {
  console.error('usage: node record-and-replay.mjs record|replay PAGE_URL OUTPUT_FILE');
  process.exit(2);
}

const TIMEOUT_MS = 90_000;

async function record(page) {
  await page.goto(pageUrl);
  await page.fill('#name', 'Ada Lovelace');
  await page.click('#to-plan');
  await page.selectOption('#plan-choice', 'pro');
  await page.fill('#note', 'Leave at the door');
  await page.click('#confirm');
  await page.waitForSelector('#summary.done');
  return page.evaluate(() => window.finishRecording());
}

async function replay(page) {
  await page.goto(pageUrl);
  return page.evaluate(() => window.replayResult);
}

const userDataDir = mkdtempSync(join(tmpdir(), 'replay-ingest-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    timeout: TIMEOUT_MS,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('console', (message) => console.log('page console ' + message.type() + ': ' + message.text()));
  page.on('pageerror', (error) => console.log('page error: ' + error.message));
  const result = mode === 'record' ? await record(page) : await replay(page);
  writeFileSync(outputFile, JSON.stringify(result));
} finally {
  await context?.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
