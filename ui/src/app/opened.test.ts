import { mockIPC } from '@tauri-apps/api/mocks';
import { describe, expect, it } from 'vitest';
import { opened } from './opened.svelte';
import { navigation } from './state.svelte';

describe('a file the app was started with', () => {
  it('sends a package to the juror and a bundle to the chair, once', async () => {
    mockIPC((command) => {
      if (command === 'opened_file') return { path: '/home/ani/J5.juri', kind: 'package' };
      throw new Error(`unexpected ${command}`);
    });
    await opened.load();
    expect(navigation.mode).toBe('juror');
    expect(opened.takePackage()).toBe('/home/ani/J5.juri');
    expect(opened.takePackage()).toBeNull();

    opened.route({ path: '/home/ani/bundel-J1.juri', kind: 'bundle' });
    expect(navigation.mode).toBe('chair');
    expect(navigation.route).toBe('bundles');
    expect(opened.takeBundles()).toEqual(['/home/ani/bundel-J1.juri']);
  });

  it('says why a file cannot be opened', async () => {
    mockIPC(() => {
      throw { code: 'invalid_file', message: 'x.juri: not a Juri package or score bundle' };
    });
    const heard: string[] = [];
    await opened.load((code, message) => heard.push(`${code}: ${message}`));
    expect(heard).toEqual(['invalid_file: x.juri: not a Juri package or score bundle']);
  });
});
