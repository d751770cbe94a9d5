import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { addMember, call, signUp } from '../../test/helpers.ts';

async function invite(token: string, email: string, role = 'member') {
  return call('/api/v1/org/invitations', { token, body: { email, role } });
}

describe('invitations', () => {
  it('a link previews the invitation and makes the invited person a member, once', async () => {
    const owner = await signUp({ name: 'Olívia' });
    const invitee = await signUp();
    const sent = await invite(owner.token, invitee.user.email, 'viewer');
    expect(sent.status).toBe(201);
    expect(sent.json.acceptUrl).toBe(`http://localhost/invite/${sent.json.token}`);

    const preview = await call(`/api/v1/invitations/${sent.json.token}`);
    expect(preview.json).toMatchObject({
      org: { name: owner.org.name },
      role: 'viewer',
      invitedBy: 'Olívia',
      status: 'pending',
    });

    const accepted = await call(`/api/v1/invitations/${sent.json.token}/accept`, {
      method: 'POST',
      token: invitee.token,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toEqual({
      org: { id: owner.org.id, name: owner.org.name },
      role: 'viewer',
    });
    const again = await call(`/api/v1/invitations/${sent.json.token}/accept`, {
      method: 'POST',
      token: invitee.token,
    });
    expect(again.status).toBe(409);
    expect((await call(`/api/v1/invitations/${sent.json.token}`)).json.status).toBe('accepted');
  });

  it('only the invited e-mail can accept', async () => {
    const owner = await signUp();
    const sent = await invite(owner.token, 'intended@example.com');
    const stranger = await signUp();
    const res = await call(`/api/v1/invitations/${sent.json.token}/accept`, {
      method: 'POST',
      token: stranger.token,
    });
    expect(res.status).toBe(403);
    expect(res.json.detail).toContain('intended@example.com');
  });

  it('two accepts at once make one membership', async () => {
    const owner = await signUp();
    const invitee = await signUp();
    const sent = await invite(owner.token, invitee.user.email);
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        call(`/api/v1/invitations/${sent.json.token}/accept`, {
          method: 'POST',
          token: invitee.token,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const rows = await env.DB.prepare('select count(*) as n from members where org_id = ?')
      .bind(owner.org.id)
      .first<{ n: number }>();
    expect(rows!.n).toBe(2);
    const audits = await env.DB.prepare(
      "select count(*) as n from audit_log where org_id = ? and action = 'invitation.accepted'",
    )
      .bind(owner.org.id)
      .first<{ n: number }>();
    expect(audits!.n).toBe(1);
  });

  it('expired and revoked links are refused with 410', async () => {
    const owner = await signUp();
    const invitee = await signUp();
    const expired = await invite(owner.token, invitee.user.email);
    await env.DB.prepare('update invitations set expires_at = ? where id = ?')
      .bind(Date.now() - 1000, expired.json.id)
      .run();
    expect(
      (
        await call(`/api/v1/invitations/${expired.json.token}/accept`, {
          method: 'POST',
          token: invitee.token,
        })
      ).status,
    ).toBe(410);

    const revoked = await invite(owner.token, invitee.user.email);
    expect(
      (
        await call(`/api/v1/org/invitations/${revoked.json.id}`, {
          method: 'DELETE',
          token: owner.token,
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await call(`/api/v1/invitations/${revoked.json.token}/accept`, {
          method: 'POST',
          token: invitee.token,
        })
      ).status,
    ).toBe(410);
  });

  it('inviting an address again replaces the pending invitation; members cannot be invited', async () => {
    const owner = await signUp();
    const first = await invite(owner.token, 'twice@example.com');
    const second = await invite(owner.token, 'twice@example.com');
    const list = await call('/api/v1/org/invitations', { token: owner.token });
    const statuses = Object.fromEntries(
      list.json.items.map((i: { id: string; status: string }) => [i.id, i.status]),
    );
    expect(statuses).toEqual({ [first.json.id]: 'revoked', [second.json.id]: 'pending' });
    const self = await invite(owner.token, owner.user.email);
    expect(self.status).toBe(409);
  });

  it('only owners invite owners', async () => {
    const owner = await signUp();
    const admin = await addMember(owner, 'admin');
    expect((await invite(admin.token, 'co-owner@example.com', 'owner')).status).toBe(403);
    expect((await invite(admin.token, 'co-admin@example.com', 'admin')).status).toBe(201);
    expect((await invite(owner.token, 'co-owner@example.com', 'owner')).status).toBe(201);
  });
});
