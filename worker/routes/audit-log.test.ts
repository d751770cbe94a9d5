import { describe, expect, it } from 'vitest';
import { call, signUp } from '../../test/helpers.ts';

describe('audit log', () => {
  it('records who, what, which row, when and from which IP, newest first, a page at a time', async () => {
    const owner = await signUp();
    for (let i = 0; i < 5; i++)
      await call('/api/v1/org', {
        method: 'PATCH',
        token: owner.token,
        body: { name: `Name ${i}` },
        ip: '203.0.113.9',
      });

    const first = await call('/api/v1/org/audit-log?limit=2', { token: owner.token });
    expect(first.json.items).toHaveLength(2);
    expect(first.json.items[0]).toMatchObject({
      action: 'org.updated',
      actorType: 'user',
      actorId: owner.user.id,
      targetType: 'org',
      targetId: owner.org.id,
      ip: '203.0.113.9',
      data: { name: 'Name 4' },
    });
    const seen = [...first.json.items];
    let cursor = first.json.nextCursor;
    while (cursor) {
      const next = await call(`/api/v1/org/audit-log?limit=2&cursor=${cursor}`, {
        token: owner.token,
      });
      seen.push(...next.json.items);
      cursor = next.json.nextCursor;
    }
    expect(seen.map((e) => e.action)).toEqual([...Array(5).fill('org.updated'), 'org.created']);
    expect(new Set(seen.map((e) => e.id)).size).toBe(6);

    const filtered = await call('/api/v1/org/audit-log?action=org.created', { token: owner.token });
    expect(filtered.json.items).toHaveLength(1);
  });

  it('is for admins', async () => {
    const owner = await signUp();
    const { addMember } = await import('../../test/helpers.ts');
    const member = await addMember(owner, 'member');
    expect((await call('/api/v1/org/audit-log', { token: member.token })).status).toBe(403);
  });
});
