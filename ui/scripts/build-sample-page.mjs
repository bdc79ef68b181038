#!/usr/bin/env node
// Builds Juri's public results page from its template and a data file, the way `juri publish`
// does: the single placeholder in <script id="juri-data" type="application/json"> is replaced by
// the JSON, with <, > and & escaped as \u003c, \u003e and \u0026 so the text cannot close the
// script element. Lets the page be checked from the sample data without building the Rust side.
//
//   node scripts/build-sample-page.mjs [--template PAGE.html] [--data DATA.json] [--out index.html]
//
// Defaults: the template and sample in crates/juri-app/src/publish/, and
// $TMPDIR/juri-results-page/index.html. Prints the path written.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export const PLACEHOLDER = '__JURI_PAGE_DATA__';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_TEMPLATE = join(REPO, 'crates', 'juri-app', 'src', 'publish', 'page.html');
export const DEFAULT_DATA = join(REPO, 'crates', 'juri-app', 'src', 'publish', 'page-sample.json');

/** JSON text that is safe inside a <script> element. */
export function scriptSafeJson(value) {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

/** The page with the data in place. Throws unless the template has the placeholder exactly once. */
export function buildPage(template, data) {
  const count = template.split(PLACEHOLDER).length - 1;
  if (count !== 1) {
    throw new Error(`the template must contain ${PLACEHOLDER} exactly once (found ${count})`);
  }
  const json = scriptSafeJson(data);
  // A function replacement: "$&" and friends in the data must not be read as patterns.
  return template.replace(PLACEHOLDER, () => json);
}

/** Reads the template and data files and writes the built page; returns the path written. */
export function buildPageFile({ template = DEFAULT_TEMPLATE, data = DEFAULT_DATA, out } = {}) {
  const target = resolve(out ?? join(tmpdir(), 'juri-results-page', 'index.html'));
  const templateText = readFileSync(template, 'utf8');
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(data, 'utf8'));
  } catch (error) {
    throw new Error(`${data} is not valid JSON: ${error.message}`);
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, buildPage(templateText, parsed));
  return target;
}

function main() {
  const { values } = parseArgs({
    options: {
      template: { type: 'string' },
      data: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('usage: node scripts/build-sample-page.mjs [--template PAGE.html] [--data DATA.json] [--out index.html]');
    return;
  }
  try {
    console.log(buildPageFile(values));
  } catch (error) {
    console.error(`build-sample-page: ${error.message}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
