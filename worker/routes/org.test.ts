import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { addMember, call, signUp } from '../../test/helpers.ts';

const auditActions = async (orgId: string) =>
  (
    await env.DB.prepare('select action from audit_log where org_id = ? order by id')
      .bind(orgId)
      .all<{ action: string }>()
  ).results.map((r) => r.action);

describe('organization settings', () => {
  it('admins change name, time zone and currency; the change is audited', async () => {
    const owner = await signUp();
    const res = await call('/api/v1/org', {
      method: 'PATCH',
      token: owner.token,
      body: { name: 'Nova Agência', timeZone: 'America/Manaus', currency: 'USD' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      name: 'Nova Agência',
      timeZone: 'America/Manaus',
      currency: 'USD',
    });
    expect(await auditActions(owner.org.id)).toContain('org.updated');
  });

  it('refuses an unknown time zone and an empty change', async () => {
    const owner = await signUp();
    const tz = await call('/api/v1/org', {
      method: 'PATCH',
      token: owner.token,
      body: { timeZone: 'Mars/Olympus' },
    });
    expect(tz.status).toBe(422);
    expect(tz.json.errors[0].path).toBe('timeZone');
    const empty = await call('/api/v1/org', { method: 'PATCH', token: owner.token, body: {} });
    expect(empty.status).toBe(422);
  });
});

describe('members', () => {
  it('an admin manages members below owner but cannot create or touch owners', async () => {
    const owner = await signUp();
    const admin = await addMember(owner, 'admin');
    const member = await addMember(owner, 'member');
    expect(
      (
        await call(`/api/v1/org/members/${member.user.id}`, {
          method: 'PATCH',
          token: admin.token,
          body: { role: 'viewer' },
        })
      ).json,
    ).toEqual({ userId: member.user.id, role: 'viewer' });
    const promote = await call(`/api/v1/org/members/${member.user.id}`, {
      method: 'PATCH',
      token: admin.token,
      body: { role: 'owner' },
    });
    expect(promote.status).toBe(403);
    const demoteOwner = await call(`/api/v1/org/members/${owner.user.id}`, {
      method: 'PATCH',
      token: admin.token,
      body: { role: 'member' },
    });
    expect(demoteOwner.status).toBe(403);
    const removeOwner = await call(`/api/v1/org/members/${owner.user.id}`, {
      method: 'DELETE',
      token: admin.token,
    });
    expect(removeOwner.status).toBe(403);
  });

  it('a role change applies to the very next request, without waiting for the token to expire', async () => {
    const owner = await signUp();
    const member = await addMember(owner, 'admin');
    expect((await call('/api/v1/org/api-keys', { token: member.token })).status).toBe(200);
    await call(`/api/v1/org/members/${member.user.id}`, {
      method: 'PATCH',
      token: owner.token,
      body: { role: 'viewer' },
    });
    expect((await call('/api/v1/org/api-keys', { token: member.token })).status).toBe(403);
    await call(`/api/v1/org/members/${member.user.id}`, { method: 'DELETE', token: owner.token });
    expect((await call('/api/v1/org', { token: member.token })).status).toBe(403);
  });

  it('always keeps one owner, even when two owners demote each other at once', async () => {
    const owner = await signUp();
    const lonely = await call(`/api/v1/org/members/${owner.user.id}`, {
      method: 'PATCH',
      token: owner.token,
      body: { role: 'admin' },
    });
    expect(lonely.status).toBe(409);
    expect(
      (await call(`/api/v1/org/members/${owner.user.id}`, { method: 'DELETE', token: owner.token }))
        .status,
    ).toBe(409);

    const second = await addMember(owner, 'owner');
    const results = await Promise.all([
      call(`/api/v1/org/members/${second.user.id}`, {
        method: 'PATCH',
        token: owner.token,
        body: { role: 'member' },
      }),
      call(`/api/v1/org/members/${owner.user.id}`, {
        method: 'PATCH',
        token: second.token,
        body: { role: 'member' },
      }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const owners = await env.DB.prepare(
      "select count(*) as n from members where org_id = ? and role = 'owner'",
    )
      .bind(owner.org.id)
      .first<{ n: number }>();
    expect(owners!.n).toBe(1);
    // The refused change left no audit entry; the accepted one did.
    expect(
      (await auditActions(owner.org.id)).filter((a) => a === 'member.role_changed'),
    ).toHaveLength(1);
  });

  it('anyone may leave; the last owner may not', async () => {
    const owner = await signUp();
    const viewer = await addMember(owner, 'viewer');
    expect(
      (
        await call(`/api/v1/org/members/${viewer.user.id}`, {
          method: 'DELETE',
          token: viewer.token,
        })
      ).status,
    ).toBe(204);
    expect(await auditActions(owner.org.id)).toContain('member.left');
    const members = await call('/api/v1/org/members', { token: owner.token });
    expect(members.json.items.map((m: { userId: string }) => m.userId)).toEqual([owner.user.id]);
  });
});
