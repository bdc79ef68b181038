import { describe, expect, it } from 'vitest';
import { Navigation, type RouteEntry } from './navigation.svelte';

type Id = 'scores' | 'merge' | 'about';

const ROUTES: RouteEntry<Id>[] = [
  { id: 'scores', label: 'nav.home', icon: 'home', modes: ['juror'] },
  { id: 'merge', label: 'nav.home', icon: 'inbox', modes: ['chair'] },
  { id: 'about', label: 'nav.about', icon: 'info', modes: ['juror', 'chair'] },
];

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  };
}

describe('Navigation', () => {
  it('starts in juror mode at its first screen', () => {
    const navigation = new Navigation(ROUTES, memoryStorage());
    expect(navigation.mode).toBe('juror');
    expect(navigation.route).toBe('scores');
    expect(navigation.entries.map((entry) => entry.id)).toEqual(['scores', 'about']);
  });

  it('remembers the mode and opens the home of the new mode', () => {
    const storage = memoryStorage();
    const navigation = new Navigation(ROUTES, storage);
    navigation.go('about');
    navigation.setMode('chair');
    expect(navigation.route).toBe('merge');
    expect(storage.data.get('juri.mode')).toBe('chair');
    expect(new Navigation(ROUTES, storage).mode).toBe('chair');
  });

  it('ignores a saved mode it does not know', () => {
    const navigation = new Navigation(ROUTES, memoryStorage({ 'juri.mode': 'admin' }));
    expect(navigation.mode).toBe('juror');
  });

  it('refuses screens the current mode does not offer', () => {
    const navigation = new Navigation(ROUTES, memoryStorage());
    navigation.go('merge');
    expect(navigation.route).toBe('scores');
    navigation.go('about');
    expect(navigation.current.id).toBe('about');
  });
});
