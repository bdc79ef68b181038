/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

// The UI is served by the Tauri shell from `dist/`; there is no dev server in the app's config.
export default defineConfig({
  plugins: [svelte(), svelteTesting()],
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
