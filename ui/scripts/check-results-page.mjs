#!/usr/bin/env node
// Checks Juri's public results page (the index.html that `juri publish` writes) in a real
// browser: Debian's Chromium driven by puppeteer-core, which never downloads a browser.
//
//   node scripts/check-results-page.mjs --html transparansi/index.html [--shots DIR] [--full]
//   node scripts/check-results-page.mjs --template page.html --data sample.json [--shots DIR]
//   node scripts/check-results-page.mjs            (the template and sample in the repository)
//
// It loads the page over file:// and fails (exit 1, every problem listed) on a console error or
// warning, an uncaught error, a failed request or any request leaving file:/data:. It checks the
// competition name, the final tables, one stage table per stage group, a decision list for each
// stage with decisions, the how-to-verify section with the manifest fingerprint, the language
// toggle (Indonesian by default, English with #en in the address, decimal comma vs dot), that
// the page never scrolls sideways at 390 px (phone) in either language, and that a page whose
// data is missing shows the message in both languages. With --shots DIR it writes
// results-page-phone.png (390×844 at 2×, the first two screens) and results-page-desktop.png
// (1280×800); --full adds full-page shots of both.
//
// The browser is $CHROMIUM or /usr/bin/chromium (`apt-get install chromium`).

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';
import { buildPage, DEFAULT_DATA, DEFAULT_TEMPLATE } from './build-sample-page.mjs';

const PHONE = { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP = { width: 1280, height: 800, deviceScaleFactor: 1 };
const LABELS = {
  id: { final: 'Hasil akhir', verify: 'Cara memeriksa', toggle: 'English' },
  en: { final: 'Final results', verify: 'How to verify', toggle: 'Bahasa Indonesia' },
};
const PROBLEM_TEXT = ['Data hasil tidak dapat dibaca', 'The results data cannot be read'];

const started = Date.now();
const problems = [];
const fail = (message) => problems.push(message);
const check = (ok, message) => {
  if (!ok) fail(message);
  return ok;
};

function usage() {
  console.log(`usage: node scripts/check-results-page.mjs [--html PAGE | --template PAGE.html --data DATA.json] [--shots DIR] [--full]

  --html PAGE       a built page (the placeholder already replaced by the data)
  --template, --data  build the page from these first (default: the template and sample data in
                    crates/juri-app/src/publish/)
  --shots DIR       write results-page-phone.png and results-page-desktop.png into DIR
  --full            with --shots, also write full-page shots (results-page-*-full.png)
  env CHROMIUM      the browser to run (default /usr/bin/chromium)`);
}

const { values: args } = parseArgs({
  options: {
    html: { type: 'string' },
    template: { type: 'string' },
    data: { type: 'string' },
    shots: { type: 'string' },
    full: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  usage();
  process.exit(0);
}
if (args.html && (args.template || args.data)) {
  console.error('check-results-page: give either --html or --template/--data, not both');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'juri-page-check-'));
let htmlPath;
let subject;
if (args.html) {
  htmlPath = resolve(args.html);
  subject = htmlPath;
} else {
  const templatePath = resolve(args.template ?? DEFAULT_TEMPLATE);
  const dataPath = resolve(args.data ?? DEFAULT_DATA);
  let page;
  try {
    page = buildPage(readFileSync(templatePath, 'utf8'), JSON.parse(readFileSync(dataPath, 'utf8')));
  } catch (error) {
    console.error(`check-results-page: cannot build the page from ${templatePath} and ${dataPath}: ${error.message}`);
    process.exit(1);
  }
  htmlPath = join(work, 'index.html');
  writeFileSync(htmlPath, page);
  subject = `${templatePath} with ${dataPath}`;
}
const html = readFileSync(htmlPath, 'utf8');

// The same page with its data block emptied: it must explain itself instead of going blank.
const DATA_BLOCK = /(<script id="juri-data" type="application\/json">)([\s\S]*?)(<\/script>)/;
if (!DATA_BLOCK.test(html)) {
  console.error(`check-results-page: ${htmlPath} has no <script id="juri-data" type="application/json"> block`);
  process.exit(1);
}
const brokenPath = join(work, 'broken', 'index.html');
mkdirSync(join(work, 'broken'));
writeFileSync(brokenPath, html.replace(DATA_BLOCK, (_, open, _data, close) => `${open}{"competition":${close}`));

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
let browser;
try {
  browser = await puppeteer.launch({
    executablePath,
    headless: true, // --headless=new
    args: [
      '--no-sandbox', // root in a container: Chromium refuses to start sandboxed as root
      '--disable-gpu',
      '--disable-dev-shm-usage', // containers often have a tiny /dev/shm
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-extensions',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--metrics-recording-only',
      '--password-store=basic',
      '--use-mock-keychain',
    ],
    timeout: 60_000,
  });
} catch (error) {
  console.error(`check-results-page: cannot start ${executablePath}: ${error.message}`);
  console.error('Install Debian\'s Chromium (apt-get install -y --no-install-recommends chromium) or set CHROMIUM.');
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
}

/** A page that records everything that should never happen on the results page. */
async function openPage(viewport, label) {
  const page = await browser.newPage();
  await page.setViewport(viewport);
  page.on('console', (msg) => {
    const type = msg.type();
    if (type === 'error' || type === 'warn' || type === 'warning' || type === 'assert') {
      const where = msg.location()?.url ? ` (${msg.location().url}:${msg.location().lineNumber ?? '?'})` : '';
      fail(`${label}: console ${type}: ${msg.text()}${where}`);
    }
  });
  page.on('pageerror', (error) => fail(`${label}: uncaught error in the page: ${error.message}`));
  page.on('requestfailed', (request) =>
    fail(`${label}: request failed: ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`),
  );
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('file:') && !url.startsWith('data:')) {
      fail(`${label}: the page tried to load ${url}: it must not use the network`);
    }
  });
  return page;
}

async function load(page, path, hash = '') {
  await page.goto(pathToFileURL(path).href + hash, { waitUntil: 'load', timeout: 30_000 });
}

/** Everything the checks need, read from the page in one go. */
function snapshot(page) {
  return page.evaluate(() => {
    const attr = (el, name) => el.getAttribute(name);
    const tables = (id) =>
      [...document.querySelectorAll(`[data-testid="${id}"]`)].map((el) => ({
        stage: attr(el, 'data-stage'),
        group: attr(el, 'data-group'),
        rows: el.querySelectorAll('tbody tr').length,
        items: el.querySelectorAll(':scope > li').length,
        text: el.textContent,
        visible: el.getClientRects().length > 0,
      }));
    const toggle = document.querySelector('[data-testid="lang-toggle"]');
    const verify = document.querySelector('[data-testid="verify"]');
    return {
      lang: document.documentElement.lang,
      hash: location.hash,
      title: document.title,
      h1: document.querySelector('h1')?.textContent ?? '',
      text: document.body.innerText,
      toggle: toggle ? { text: toggle.textContent.trim(), visible: toggle.getClientRects().length > 0 } : null,
      finals: tables('final-table'),
      stages: tables('stage-table'),
      decisions: tables('decisions'),
      verify: verify ? { text: verify.textContent, inner: verify.innerText } : null,
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    };
  });
}

async function readData(page) {
  try {
    return await page.evaluate(() => JSON.parse(document.getElementById('juri-data').textContent));
  } catch (error) {
    throw new Error(`the page's data block is not valid JSON (${error.message.split('\n')[0]})`);
  }
}

const localised = (score, lang) => (lang === 'id' ? score.replace('.', ',') : score);

function checkContent(snap, data, lang, label) {
  const L = LABELS[lang];
  check(snap.lang === lang, `${label}: <html lang> is "${snap.lang}", expected "${lang}"`);
  check(snap.h1.includes(data.competition.name), `${label}: the heading does not show the competition name`);
  check(snap.title.includes(data.competition.name), `${label}: the document title does not name the competition`);
  if (data.competition.organiser) {
    check(snap.text.includes(data.competition.organiser), `${label}: the organiser is not shown`);
  }
  check(snap.text.includes(data.published_at), `${label}: the publication time is not shown`);
  check(snap.toggle?.visible, `${label}: the language toggle is missing or hidden`);
  check(snap.toggle?.text === L.toggle, `${label}: the toggle reads "${snap.toggle?.text}", expected "${L.toggle}"`);

  if (data.final) {
    const groups = data.final.groups ?? [];
    check(snap.finals.length >= 1, `${label}: no final-table`);
    check(snap.finals.length === groups.length, `${label}: ${snap.finals.length} final tables for ${groups.length} groups`);
    for (const g of groups) {
      const table = snap.finals.find((t) => t.group === g.name);
      if (check(table, `${label}: no final-table for group "${g.name}"`)) {
        check(table.rows === g.rows.length, `${label}: final-table "${g.name}" has ${table.rows} rows, expected ${g.rows.length}`);
      }
    }
    check(snap.text.includes(L.final), `${label}: the label "${L.final}" is missing`);
  } else {
    check(snap.finals.length === 0, `${label}: final is null but the page shows ${snap.finals.length} final tables`);
  }

  const expectedGroups = data.stages.flatMap((s) => (s.groups ?? []).map((g) => ({ s, g })));
  check(snap.stages.length === expectedGroups.length,
    `${label}: ${snap.stages.length} stage tables for ${expectedGroups.length} stage groups`);
  for (const { s, g } of expectedGroups) {
    const table = snap.stages.find((t) => t.stage === s.id && t.group === g.name);
    if (!check(table, `${label}: no stage-table for stage "${s.id}", group "${g.name}"`)) continue;
    check(table.visible, `${label}: stage-table "${s.id}"/"${g.name}" is not visible`);
    check(table.rows === g.rows.length, `${label}: stage-table "${s.id}"/"${g.name}" has ${table.rows} rows, expected ${g.rows.length}`);
    for (const row of g.rows) {
      check(table.text.includes(row.entry), `${label}: stage-table "${s.id}"/"${g.name}" lacks entry ${row.entry}`);
      if (row.score != null) {
        check(table.text.includes(localised(row.score, lang)),
          `${label}: stage-table "${s.id}"/"${g.name}" does not show ${row.entry}'s score as ${localised(row.score, lang)}`);
      }
      if (row.outcome) {
        check(table.text.includes(row.outcome[lang]),
          `${label}: stage-table "${s.id}"/"${g.name}" does not show ${row.entry}'s outcome "${row.outcome[lang]}"`);
      }
    }
  }

  for (const s of data.stages) {
    const decisions = s.decisions ?? [];
    const lists = snap.decisions.filter((d) => d.stage === s.id);
    if (decisions.length === 0) {
      check(lists.length === 0, `${label}: stage "${s.id}" has no decisions but shows a decision list`);
      continue;
    }
    if (!check(lists.length === 1, `${label}: stage "${s.id}" has ${decisions.length} decisions but ${lists.length} decision lists`)) continue;
    check(lists[0].items === decisions.length, `${label}: stage "${s.id}" lists ${lists[0].items} decisions, expected ${decisions.length}`);
    for (const d of decisions) {
      check(lists[0].text.includes(d.what[lang]), `${label}: stage "${s.id}" does not show the decision "${d.what[lang]}"`);
      check(lists[0].text.includes(d.reason), `${label}: stage "${s.id}" does not show the reason "${d.reason.slice(0, 40)}…"`);
    }
  }

  if (check(snap.verify, `${label}: no verify section`)) {
    check(snap.verify.inner.includes(L.verify), `${label}: the verify section lacks its heading "${L.verify}"`);
    check(snap.verify.text.includes(data.manifest_sha256), `${label}: the verify section does not contain the manifest fingerprint`);
    check(snap.verify.text.includes(data.audit_command), `${label}: the verify section does not show "${data.audit_command}"`);
    check(snap.verify.text.includes(data.chair_public_key), `${label}: the verify section does not show the chair's public key`);
  }

  for (const junk of ['undefined', 'null', 'NaN', '[object Object]']) {
    check(!new RegExp(`(^|\\W)${junk.replace(/[[\]]/g, '\\$&')}($|\\W)`).test(snap.text),
      `${label}: the page shows the word "${junk}"`);
  }
}

// Compared with the phone's width, not innerWidth: a mobile browser zooms out to fit a page that
// is too wide, and innerWidth grows with it.
function checkNoSideScroll(snap, label) {
  const width = Math.min(snap.innerWidth, PHONE.width);
  check(snap.scrollWidth <= width,
    `${label}: the page scrolls sideways at ${PHONE.width} px (scrollWidth ${snap.scrollWidth} > ${width})`);
}

async function clickToggle(page, expected) {
  await page.click('[data-testid="lang-toggle"]');
  try {
    await page.waitForFunction((want) => document.documentElement.lang === want, { timeout: 5_000 }, expected);
  } catch {
    fail(`the language toggle did not switch the page to "${expected}"`);
  }
}

try {
  // Desktop: content in both languages, and the choice kept in the address.
  const desktop = await openPage(DESKTOP, 'desktop');
  await load(desktop, htmlPath);
  const data = await readData(desktop);
  checkContent(await snapshot(desktop), data, 'id', 'desktop, Indonesian');
  if (args.shots) {
    mkdirSync(args.shots, { recursive: true });
    await desktop.screenshot({ path: join(args.shots, 'results-page-desktop.png') });
    if (args.full) await desktop.screenshot({ path: join(args.shots, 'results-page-desktop-full.png'), fullPage: true });
  }
  await clickToggle(desktop, 'en');
  const english = await snapshot(desktop);
  checkContent(english, data, 'en', 'desktop, after the toggle');
  check(english.hash === '#en', `desktop: after the toggle the address ends in "${english.hash}", expected "#en"`);
  await clickToggle(desktop, 'id');
  const back = await snapshot(desktop);
  check(back.lang === 'id' && back.text.includes(LABELS.id.verify), 'desktop: the second click does not bring Indonesian back');
  check(back.hash !== '#en', 'desktop: the address still says #en after switching back to Indonesian');
  await load(desktop, htmlPath, '#en');
  checkContent(await snapshot(desktop), data, 'en', 'desktop, opened with #en');
  await desktop.close();

  // Phone: no sideways scrolling in either language, with every details element open too.
  const phone = await openPage(PHONE, 'phone');
  await load(phone, htmlPath);
  const phoneSnap = await snapshot(phone);
  checkContent(phoneSnap, data, 'id', 'phone, Indonesian');
  checkNoSideScroll(phoneSnap, 'phone, Indonesian');
  if (args.shots) {
    // The first two screens: the heading, the final results and the start of the stages.
    await phone.screenshot({
      path: join(args.shots, 'results-page-phone.png'),
      clip: { x: 0, y: 0, width: PHONE.width, height: PHONE.height * 2 },
      captureBeyondViewport: true,
    });
    if (args.full) await phone.screenshot({ path: join(args.shots, 'results-page-phone-full.png'), fullPage: true });
  }
  await phone.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  checkNoSideScroll(await snapshot(phone), 'phone, Indonesian, juror totals open');
  await clickToggle(phone, 'en');
  const phoneEnglish = await snapshot(phone);
  checkContent(phoneEnglish, data, 'en', 'phone, English');
  checkNoSideScroll(phoneEnglish, 'phone, English');
  await phone.close();

  // A page whose data cannot be read explains itself in both languages.
  const broken = await openPage(DESKTOP, 'page without data');
  await load(broken, brokenPath);
  const brokenText = await broken.evaluate(() => document.body.innerText);
  for (const text of PROBLEM_TEXT) {
    check(brokenText.includes(text), `page without data: the message "${text}" is missing`);
  }
  await broken.close();
} catch (error) {
  fail(`the check stopped: ${error.message}`);
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (problems.length) {
  console.error(`check-results-page: ${problems.length} problem(s) in ${subject}:`);
  for (const p of problems) console.error(`  - ${p}`);
  console.error(`(${seconds} s)`);
  process.exit(1);
}
console.log(`check-results-page: ${subject} passed (${seconds} s)`);
if (args.shots) {
  console.log(`  ${join(resolve(args.shots), 'results-page-phone.png')}`);
  console.log(`  ${join(resolve(args.shots), 'results-page-desktop.png')}`);
}
