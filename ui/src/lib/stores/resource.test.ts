import { mockIPC } from '@tauri-apps/api/mocks';
import { describe, expect, it } from 'vitest';
import { appInfo } from '../api';
import { Resource, resource } from './resource.svelte';

describe('Resource', () => {
  it('is loading, then ready with the command result', async () => {
    mockIPC((command) => (command === 'app_info' ? { version: '0.1.0', dataDir: '/d' } : null));
    const info = new Resource(appInfo);
    expect(info.state).toEqual({ status: 'loading' });
    await info.reload();
    expect(info.state).toEqual({ status: 'ready', data: { version: '0.1.0', dataDir: '/d' } });
  });

  it('holds the ApiError when the command fails, and recovers on reload', async () => {
    let fail = true;
    mockIPC(() => {
      if (fail) throw { code: 'io', message: 'data folder /d: No such file or directory' };
      return { version: '0.1.0', dataDir: '/d' };
    });
    const info = resource(appInfo);
    await expect.poll(() => info.state.status).toBe('error');
    expect(info.state).toMatchObject({
      status: 'error',
      error: { code: 'io', message: 'data folder /d: No such file or directory' },
    });
    fail = false;
    await info.reload();
    expect(info.state.status).toBe('ready');
  });

  it('keeps the result of the latest reload when an older one finishes last', async () => {
    const pending: ((value: string) => void)[] = [];
    const value = new Resource(() => new Promise<string>((resolve) => pending.push(resolve)));
    const older = value.reload();
    const newer = value.reload();
    pending[1]!('new');
    await newer;
    pending[0]!('old');
    await older;
    expect(value.state).toEqual({ status: 'ready', data: 'new' });
  });
});
