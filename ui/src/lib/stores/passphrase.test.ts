import { describe, expect, it, vi } from 'vitest';
import { PassphraseGate } from './passphrase.svelte';

describe('PassphraseGate', () => {
  it('asks nothing when the keys are open', async () => {
    const unlock = vi.fn(async () => undefined);
    const gate = new PassphraseGate(async () => null, unlock);
    await expect(gate.ensure(false)).resolves.toBe(true);
    expect(gate.asking).toBeNull();
    expect(unlock).not.toHaveBeenCalled();
  });

  it('keeps the dialog open with the reason until the passphrase opens the keys', async () => {
    const unlock = vi.fn(async (passphrase: string) => {
      if (passphrase !== 'kata sandi ketua') throw { code: 'not_allowed', message: 'kata sandi tidak membuka kunci ketua' };
    });
    const gate = new PassphraseGate(async () => 'existing', unlock);
    const given = gate.ensure(false);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(gate.asking).toBe('existing');
    await gate.submit('salah');
    expect(gate.asking).toBe('existing');
    expect(gate.error).toContain('kata sandi');
    await gate.submit('kata sandi ketua');
    await expect(given).resolves.toBe(true);
    expect(gate.asking).toBeNull();
  });

  it('answers false when the chair cancels', async () => {
    const gate = new PassphraseGate(async () => 'new', async () => undefined);
    const given = gate.ensure(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(gate.asking).toBe('new');
    gate.cancel();
    await expect(given).resolves.toBe(false);
  });
});
