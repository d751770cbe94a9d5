import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { publishToOrg } from '../platform/live-events.ts';
import { signRoomTicket } from '../platform/tokens.ts';
import { call, signUp } from '../test/helpers.ts';

const connect = (path: string) =>
  SELF.fetch(`http://localhost${path}`, { headers: { upgrade: 'websocket' } });

function nextMessage(ws: WebSocket): Promise<any> {
  return new Promise((resolve) =>
    ws.addEventListener('message', (e) => resolve(JSON.parse(e.data as string)), { once: true }),
  );
}

describe('room tickets', () => {
  it('open the org hub, which then delivers live events', async () => {
    const person = await signUp();
    const issued = await call('/api/v1/rooms/tickets', {
      token: person.token,
      body: { room: 'org-hub', id: person.org.id },
    });
    expect(issued.status).toBe(200);
    expect(issued.json.expiresIn).toBe(60);
    const res = await connect(issued.json.url);
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    ws.accept();
    const received = nextMessage(ws);
    const alert = {
      id: 'alert-1',
      kind: 'budget',
      severity: 'warning' as const,
      title: 'Orçamento em 80%',
      detail: null,
      data: null,
    };
    await publishToOrg(env, person.org.id, { type: 'alert', alert });
    expect(await received).toMatchObject({ type: 'alert', alert });
    ws.close(1000);
  });

  it('are refused when missing, forged, expired or for another room', async () => {
    const person = await signUp();
    const other = await signUp();
    const hub = `/parties/org-hub/${person.org.id}`;
    expect((await connect(hub)).status).toBe(401);
    expect((await connect(`${hub}?ticket=not-a-ticket`)).status).toBe(401);
    const forOther = await call('/api/v1/rooms/tickets', {
      token: other.token,
      body: { room: 'org-hub', id: other.org.id },
    });
    expect((await connect(`${hub}?ticket=${forOther.json.ticket}`)).status).toBe(403);
    const fresh = await signRoomTicket(env.JWT_SECRET, person.user.id, {
      org: person.org.id,
      room: 'org-hub',
      id: person.org.id,
      role: 'owner',
      name: 'x',
    });
    const { SignJWT } = await import('jose');
    const stale = await new SignJWT({
      org: person.org.id,
      room: 'org-hub',
      id: person.org.id,
      role: 'owner',
      name: 'x',
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('gestorlead')
      .setAudience('room')
      .setSubject(person.user.id)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(env.JWT_SECRET));
    expect((await connect(`${hub}?ticket=${stale}`)).status).toBe(401);
    expect((await connect(`${hub}?ticket=${fresh}`)).status).toBe(101);
  });

  it('are not issued for another org’s room, nor for unknown room kinds', async () => {
    const person = await signUp();
    const other = await signUp();
    expect(
      (
        await call('/api/v1/rooms/tickets', {
          token: person.token,
          body: { room: 'org-hub', id: other.org.id },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call('/api/v1/rooms/tickets', {
          token: person.token,
          body: { room: 'nope', id: person.org.id },
        })
      ).status,
    ).toBe(404);
  });

  it('rooms answer WebSockets only', async () => {
    const person = await signUp();
    const res = await SELF.fetch(`http://localhost/parties/org-hub/${person.org.id}`);
    expect(res.status).toBe(403);
  });
});
