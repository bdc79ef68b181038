// Shared set-up for every Vitest file: DOM matchers, and a clean Tauri IPC mock and storage per test.
import '@testing-library/jest-dom/vitest';
import { clearMocks } from '@tauri-apps/api/mocks';
import { afterEach } from 'vitest';

afterEach(() => {
  clearMocks();
  localStorage.clear();
});

// jsdom lays nothing out, so it has no ResizeObserver; components that measure themselves
// (`bind:clientHeight`) only need one that never reports.
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};
