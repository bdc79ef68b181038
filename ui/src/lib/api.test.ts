import { mockIPC } from '@tauri-apps/api/mocks';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  appInfo,
  chooseFile,
  chooseFiles,
  chooseSaveLocation,
  openDataDir,
  toApiError,
} from './api';

describe('commands', () => {
  it('returns app_info as the Rust side sent it', async () => {
    const calls: string[] = [];
    mockIPC((command) => {
      calls.push(command);
      if (command === 'app_info') return { version: '0.1.0', dataDir: '/tmp/juri' };
      throw new Error(`unexpected ${command}`);
    });
    await expect(appInfo()).resolves.toEqual({ version: '0.1.0', dataDir: '/tmp/juri' });
    expect(calls).toEqual(['app_info']);
  });

  it('turns a {code, message} rejection into an ApiError with that code', async () => {
    mockIPC(() => {
      throw { code: 'open_failed', message: 'no file manager' };
    });
    const error = await openDataDir().catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'open_failed', message: 'no file manager' });
  });

  it('gives other rejections the unknown code', async () => {
    mockIPC(() => {
      throw 'command app_info not found';
    });
    await expect(appInfo()).rejects.toMatchObject({
      code: 'unknown',
      message: 'command app_info not found',
    });
  });
});

describe('toApiError', () => {
  const cases: [string, unknown, { code: string; message: string }][] = [
    ['known code', { code: 'io', message: 'disk full' }, { code: 'io', message: 'disk full' }],
    ['code from a newer backend', { code: 'later', message: 'x' }, { code: 'unknown', message: 'x' }],
    ['Error object', new Error('boom'), { code: 'unknown', message: 'boom' }],
    ['plain string', 'denied', { code: 'unknown', message: 'denied' }],
    ['other value', { reason: 1 }, { code: 'unknown', message: '{"reason":1}' }],
    ['message not a string', { code: 'io', message: 3 }, { code: 'unknown', message: '{"code":"io","message":3}' }],
  ];

  it.each(cases)('maps %s', (_name, reason, expected) => {
    expect(toApiError(reason)).toMatchObject(expected);
  });

  it('keeps every problem with its place, and drops malformed ones', () => {
    const error = toApiError({
      code: 'invalid_file',
      message: 'peserta.csv: 2 bad row(s); nothing was imported',
      problems: [
        { place: 'row 3', message: "unknown category 'lainnya'" },
        { place: 7, message: 'not a problem' },
        { place: 'row 9', message: 'code is empty' },
      ],
    });
    expect(error.code).toBe('invalid_file');
    expect(error.problems).toEqual([
      { place: 'row 3', message: "unknown category 'lainnya'" },
      { place: 'row 9', message: 'code is empty' },
    ]);
  });

  it('passes an ApiError through unchanged', () => {
    const error = new ApiError('io', 'same');
    expect(toApiError(error)).toBe(error);
  });
});

describe('file dialogs', () => {
  const pdf = [{ name: 'PDF', extensions: ['pdf'] }];

  it('asks the dialog plugin for one file and returns its path', async () => {
    const seen: unknown[] = [];
    mockIPC((command, payload) => {
      seen.push([command, payload]);
      return '/home/juri/paket.juri';
    });
    await expect(chooseFile('Pilih paket', pdf)).resolves.toBe('/home/juri/paket.juri');
    expect(seen).toEqual([
      [
        'plugin:dialog|open',
        { options: { title: 'Pilih paket', filters: pdf, multiple: false, directory: false } },
      ],
    ]);
  });

  it('returns an empty list when the user cancels a multi-file choice', async () => {
    mockIPC(() => null);
    await expect(chooseFiles('Pilih bundel', pdf)).resolves.toEqual([]);
  });

  it('returns every chosen file', async () => {
    mockIPC(() => ['/a.juri', '/b.juri']);
    await expect(chooseFiles('Pilih bundel', pdf)).resolves.toEqual(['/a.juri', '/b.juri']);
  });

  it('passes the suggested name to the save dialog', async () => {
    const seen: unknown[] = [];
    mockIPC((command, payload) => {
      seen.push([command, payload]);
      return null;
    });
    await expect(chooseSaveLocation('Simpan', 'rekap.pdf', pdf)).resolves.toBeNull();
    expect(seen).toEqual([
      ['plugin:dialog|save', { options: { title: 'Simpan', defaultPath: 'rekap.pdf', filters: pdf } }],
    ]);
  });

  it('reports a dialog failure as an ApiError', async () => {
    mockIPC(() => {
      throw 'dialog unavailable';
    });
    await expect(chooseFile('Pilih', pdf)).rejects.toMatchObject({
      code: 'unknown',
      message: 'dialog unavailable',
    });
  });
});
