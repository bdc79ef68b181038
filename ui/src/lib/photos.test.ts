import { beforeEach, describe, expect, it, vi } from 'vitest';
import { photoCaption, photoPlace, photoTime } from './photos';
import { PhotoUrls } from './stores/photoUrls.svelte';

describe('what a photo says of itself', () => {
  const photo = {
    sha256: 'a'.repeat(64), size: 2 * 1024 * 1024, width: 1600, height: 1067,
    taken_at: '2026-11-30T10:15:00', location: '-10.177200,123.607000',
  };

  it('gives the time as the camera had it, with no time zone applied', () => {
    expect(photoTime('2026-11-30T10:15:00', 'id')).toBe('30 November 2026 10.15');
    expect(photoTime('2026-11-30T23:59:59', 'en')).toBe('30 November 2026 23:59');
    expect(photoTime('2026-11-30', 'en')).toBe('30 November 2026');
  });

  it('gives the place to five decimals, and anything odd as it came', () => {
    expect(photoPlace('-10.177200,123.607000')).toBe('-10.17720, 123.60700');
    expect(photoPlace('somewhere')).toBe('somewhere');
    expect(photoPlace('1,2,3')).toBe('1,2,3');
  });

  it('puts everything on one line, leaving out what was not kept', () => {
    expect(photoCaption(photo, 'id')).toBe('1600 × 1067 px · 2,0 MB · 30 November 2026 10.15 · -10.17720, 123.60700');
    expect(photoCaption({ ...photo, taken_at: null, location: null }, 'en')).toBe('1600 × 1067 px · 2.0 MB');
  });
});

describe('PhotoUrls', () => {
  let made: number;
  let revoked: string[];

  beforeEach(() => {
    made = 0;
    revoked = [];
    URL.createObjectURL = vi.fn(() => `blob:${++made}`);
    URL.revokeObjectURL = vi.fn((url: string) => void revoked.push(url));
  });

  it('loads each photo once, releases one that leaves the list, and every one at the end', async () => {
    const fetch = vi.fn(async () => new ArrayBuffer(4));
    const urls = new PhotoUrls(fetch);
    urls.show(['a', 'b']);
    await vi.waitFor(() => expect(urls.url('b')).not.toBeNull());
    urls.show(['a', 'b']);
    expect(fetch).toHaveBeenCalledTimes(2);
    const b = urls.url('b');
    urls.show(['a']);
    expect(revoked).toEqual([b]);
    expect(urls.url('b')).toBeNull();
    urls.release();
    expect(revoked).toHaveLength(2);
  });

  it('releases a photo that arrives after it left the list', async () => {
    let arrive: (bytes: ArrayBuffer) => void = () => {};
    const urls = new PhotoUrls(() => new Promise((resolve) => (arrive = resolve)));
    urls.show(['a']);
    urls.release();
    arrive(new ArrayBuffer(4));
    await vi.waitFor(() => expect(revoked).toEqual(['blob:1']));
    expect(urls.url('a')).toBeNull();
  });

  it('says why a photo cannot be shown', async () => {
    const urls = new PhotoUrls(() => Promise.reject({ code: 'not_found', message: 'no photo aaaa', problems: [] }));
    urls.show(['a']);
    await vi.waitFor(() => expect(urls.states.a).toEqual({ status: 'failed', message: 'no photo aaaa' }));
  });
});
