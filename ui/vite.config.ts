/// <reference types="vitest/config" />
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

/** The folders of pdf.js's data the juror's document viewer loads on demand. */
const PDFJS_DATA = ['standard_fonts', 'wasm'];

/**
 * Copies pdf.js's data into the build, under `pdfjs/<folder>/`: the standard fonts (for PDFs that
 * name Helvetica or Times without embedding them) and its WebAssembly decoders (JPEG 2000 pages of
 * scanned documents, JBIG2, colour profiles). Everything stays inside the app: nothing is fetched.
 */
function pdfjsData(): Plugin {
  const root = fileURLToPath(new URL('./node_modules/pdfjs-dist/', import.meta.url));
  return {
    name: 'juri-pdfjs-data',
    apply: 'build',
    generateBundle() {
      for (const folder of PDFJS_DATA) {
        for (const name of readdirSync(join(root, folder))) {
          this.emitFile({ type: 'asset', fileName: `pdfjs/${folder}/${name}`, source: readFileSync(join(root, folder, name)) });
        }
      }
    },
  };
}

// The UI is served by the Tauri shell from `dist/`; there is no dev server in the app's config.
export default defineConfig({
  plugins: [svelte(), svelteTesting(), pdfjsData()],
  clearScreen: false,
  // Help bundles the guides and their screenshots from the repository's `docs/` folder.
  server: { fs: { allow: ['.', '../docs'] } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // WebKitGTK 2.40+ and current WebView2 / WKWebView all handle ES2022.
    target: 'es2022',
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
  },
});
