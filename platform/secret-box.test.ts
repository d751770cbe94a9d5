import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from './secret-box.ts';

const otherKey = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));

describe('secret box', () => {
  it('opens what it sealed, and never seals the same value the same way twice', async () => {
    const a = await sealSecret(env.ENCRYPTION_KEY, 'sk-live-1234', 'org-1/openai');
    const b = await sealSecret(env.ENCRYPTION_KEY, 'sk-live-1234', 'org-1/openai');
    expect(a).not.toBe(b);
    expect(a).not.toContain('sk-live');
    expect(await openSecret(env.ENCRYPTION_KEY, a, 'org-1/openai')).toBe('sk-live-1234');
    expect(await openSecret(env.ENCRYPTION_KEY, b, 'org-1/openai')).toBe('sk-live-1234');
  });

  it('refuses a value sealed for another org, under another key, or altered', async () => {
    const sealed = await sealSecret(env.ENCRYPTION_KEY, 'sk-live-1234', 'org-1/openai');
    await expect(openSecret(env.ENCRYPTION_KEY, sealed, 'org-2/openai')).rejects.toThrow();
    await expect(openSecret(otherKey, sealed, 'org-1/openai')).rejects.toThrow();
    const [v, iv, data] = sealed.split('.');
    const flipped = `${data!.slice(0, 4)}${data![4] === 'A' ? 'B' : 'A'}${data!.slice(5)}`;
    await expect(
      openSecret(env.ENCRYPTION_KEY, `${v}.${iv}.${flipped}`, 'org-1/openai'),
    ).rejects.toThrow();
    await expect(openSecret(env.ENCRYPTION_KEY, 'plain-text', 'org-1/openai')).rejects.toThrow();
  });

  it('refuses an encryption key that is not 32 bytes', async () => {
    await expect(sealSecret(btoa('short'), 'x', 'c')).rejects.toThrow(/32 bytes/);
  });
});
