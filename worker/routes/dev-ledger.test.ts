import { describe, expect, it } from 'vitest';
import { call, signUp } from '../../test/helpers.ts';

describe('the benchmark’s ledger routes', () => {
  it('do not exist without the local dev token', async () => {
    const owner = await signUp();
    for (const path of ['noop', 'grant', 'hold', 'capture']) {
      const res = await call(`/api/dev/ledger/${path}`, {
        body: { orgId: owner.org.id, key: 'k', credits: 1_000_000, holdId: owner.org.id },
        headers: { 'x-dev-seed-token': 'guess' },
      });
      expect(res.status, path).toBe(404);
    }
    const balance = await call('/api/v1/credits', { token: owner.token });
    expect(balance.json.held).toBe(0);
  });
});
