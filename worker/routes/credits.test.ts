import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { WELCOME_CREDITS } from '../../domain/credits/catalog.ts';
import { Problem } from '../../platform/problem.ts';
import { unwrap } from '../../platform/room-refusal.ts';
import { grantWelcomeCredits, ledgerOf } from '../../services/credits/ledger-client.ts';
import { addMember, call, signUp, type TestUser } from '../../test/helpers.ts';
import { generate, waitForGeneration } from '../../test/studio.ts';

/** Spends through the ledger as the studio does: hold, then capture with usage. */
async function spend(
  person: TestUser,
  credits: number,
  usage: { provider: string; model: string },
  memberId = person.user.id,
) {
  const ledger = ledgerOf(env, person.org.id);
  const hold = unwrap(
    await ledger.hold({
      key: crypto.randomUUID(),
      credits,
      memberId,
      reason: 'generation',
    }),
  );
  unwrap(
    await ledger.capture({
      key: crypto.randomUUID(),
      holdId: hold.holdId,
      credits,
      usage: { ...usage, priceVersion: 'v1', units: { images: 1 } },
    }),
  );
}

const mirrored = (orgId: string) => ledgerOf(env, orgId).mirrorNow();

describe('balance and welcome credits', () => {
  it('a new organization starts with the welcome credits, granted once', async () => {
    const owner = await signUp();
    expect((await call('/api/v1/credits', { token: owner.token })).json).toEqual({
      balance: WELCOME_CREDITS,
      held: 0,
      available: WELCOME_CREDITS,
    });
    await grantWelcomeCredits(env, owner.org.id);
    const created = await call('/api/v1/orgs', { token: owner.token, body: { name: 'Second' } });
    await grantWelcomeCredits(env, created.json.id);
    const grants = await env.DB.prepare(
      "select org_id, credits, reason from credit_entries where org_id in (?, ?) and kind = 'grant'",
    )
      .bind(owner.org.id, created.json.id)
      .all();
    expect(grants.results).toEqual([
      { org_id: owner.org.id, credits: WELCOME_CREDITS, reason: 'welcome' },
      { org_id: created.json.id, credits: WELCOME_CREDITS, reason: 'welcome' },
    ]);
  });

  it('a hold beyond what is available is refused with 402 saying how much is missing', async () => {
    const owner = await signUp();
    const error = await ledgerOf(env, owner.org.id)
      .hold({ key: 'big', credits: WELCOME_CREDITS + 25, memberId: null, reason: 'x' })
      .then(unwrap)
      .catch((e) => e);
    expect(error).toBeInstanceOf(Problem);
    expect(error).toMatchObject({
      status: 402,
      extra: { missing: 25, available: WELCOME_CREDITS },
    });
  });

  it('lists open holds', async () => {
    const owner = await signUp();
    const hold = unwrap(
      await ledgerOf(env, owner.org.id).hold({
        key: 'h',
        credits: 7,
        memberId: owner.user.id,
        reason: 'image',
      }),
    );
    const res = await call('/api/v1/credits/holds', { token: owner.token });
    expect(res.json.items).toEqual([
      expect.objectContaining({ holdId: hold.holdId, credits: 7, reason: 'image' }),
    ]);
    expect((await call('/api/v1/credits', { token: owner.token })).json.available).toBe(
      WELCOME_CREDITS - 7,
    );
  });
});

describe('the statement', () => {
  it('pages newest first by cursor and filters by kind and member', async () => {
    const owner = await signUp();
    const member = await addMember(owner, 'member');
    for (let i = 0; i < 3; i++) await spend(owner, 2, { provider: 'sandbox', model: 'm' });
    await spend(owner, 5, { provider: 'sandbox', model: 'm' }, member.user.id);
    await mirrored(owner.org.id);

    const first = await call('/api/v1/credits/entries?limit=4', { token: owner.token });
    expect(first.json.items.map((e: any) => e.kind)).toEqual([
      'capture',
      'hold',
      'capture',
      'hold',
    ]);
    const second = await call(`/api/v1/credits/entries?limit=50&cursor=${first.json.nextCursor}`, {
      token: owner.token,
    });
    expect(second.json.items.at(-1)).toMatchObject({ kind: 'grant', credits: WELCOME_CREDITS });
    expect(second.json.nextCursor).toBeNull();
    const seqs = [...first.json.items, ...second.json.items].map((e: any) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

    const captures = await call(`/api/v1/credits/entries?kind=capture&memberId=${member.user.id}`, {
      token: member.token,
    });
    expect(captures.json.items).toEqual([
      expect.objectContaining({
        kind: 'capture',
        credits: 5,
        balanceDelta: -5,
        provider: 'sandbox',
      }),
    ]);
  });
});

describe('statement lines', { timeout: 20_000 }, () => {
  it('name their reason as a code with its words, and link to the generation they paid for', async () => {
    const owner = await signUp();
    const accepted = await generate(owner, { modality: 'text', prompt: 'Legenda para a padaria' });
    await waitForGeneration(owner, accepted.json.id);
    await mirrored(owner.org.id);
    const { json } = await call('/api/v1/credits/entries', { token: owner.token });
    const paid = json.items.filter((e: any) => e.holdId);
    expect(paid.map((e: any) => e.kind)).toEqual(expect.arrayContaining(['hold', 'capture']));
    for (const line of paid) {
      expect(line.ref).toEqual({ kind: 'generation', id: accepted.json.id });
      expect(line.reasonParams).toEqual({ modality: 'text' });
    }
    expect(paid.find((e: any) => e.kind === 'hold')).toMatchObject({
      reason: 'studio.generation',
      reasonText: 'Studio text generation',
    });
    for (const release of paid.filter((e: any) => e.kind === 'release'))
      expect(release).toMatchObject({
        reason: 'hold.unused',
        reasonText: 'Unused part of the hold',
      });
    expect(json.items.at(-1)).toMatchObject({
      kind: 'grant',
      reason: 'welcome',
      reasonText: 'Welcome credits',
      reasonParams: {},
      ref: null,
    });
    expect(json.items.at(-1)).not.toHaveProperty('meta');
  });

  it('word an owner’s adjustment with the note they wrote', async () => {
    const owner = await signUp();
    const res = await call('/api/v1/credits/adjustments', {
      token: owner.token,
      body: { credits: 5, reason: 'Cortesia pelo atraso' },
      headers: { 'idempotency-key': 'adjust-note' },
    });
    expect(res.status).toBe(201);
    await mirrored(owner.org.id);
    const { json } = await call('/api/v1/credits/entries?kind=adjustment', { token: owner.token });
    expect(json.items[0]).toMatchObject({
      reason: 'adjustment',
      reasonParams: { note: 'Cortesia pelo atraso' },
      reasonText: 'Adjustment: Cortesia pelo atraso',
    });
  });
});

describe('usage reports', () => {
  it('groups spend by provider, model and member', async () => {
    const owner = await signUp();
    const member = await addMember(owner, 'member');
    await spend(owner, 10, { provider: 'openai', model: 'gpt-image' });
    await spend(owner, 4, { provider: 'openai', model: 'gpt-text' });
    await spend(owner, 6, { provider: 'elevenlabs', model: 'voice' }, member.user.id);
    await mirrored(owner.org.id);
    const usage = async (groupBy: string) =>
      (await call(`/api/v1/credits/usage?groupBy=${groupBy}`, { token: owner.token })).json;

    const providers = await usage('provider');
    expect(providers.total).toBe(20);
    expect(providers.items.map((l: any) => [l.key, l.credits, l.captures])).toEqual([
      ['openai', 14, 2],
      ['elevenlabs', 6, 1],
    ]);
    expect((await usage('model')).items.map((l: any) => [l.key, l.credits])).toEqual([
      ['openai/gpt-image', 10],
      ['elevenlabs/voice', 6],
      ['openai/gpt-text', 4],
    ]);
    expect((await usage('member')).items).toEqual([
      { key: owner.user.id, label: owner.user.name, credits: 14, captures: 2 },
      { key: member.user.id, label: member.user.name, credits: 6, captures: 1 },
    ]);
  });

  it('cuts days in the organization’s time zone', async () => {
    const owner = await signUp();
    await call('/api/v1/org', {
      method: 'PATCH',
      token: owner.token,
      body: { timeZone: 'America/Sao_Paulo' },
    });
    const insert = (seq: number, at: string, credits: number) =>
      env.DB.prepare(
        `insert into credit_entries (id, org_id, seq, kind, credits, balance_delta, balance_after, held_after, idempotency_key, created_at)
         values (?, ?, ?, 'capture', ?, ?, 0, 0, ?, ?)`,
      )
        .bind(
          crypto.randomUUID(),
          owner.org.id,
          1000 + seq,
          credits,
          -credits,
          `k${seq}`,
          Date.parse(at),
        )
        .run();
    // 02:30 UTC is still the evening before in São Paulo; 03:30 UTC is the next day.
    await insert(1, '2026-11-30T02:30:00Z', 3);
    await insert(2, '2026-11-30T03:30:00Z', 5);
    await insert(3, '2026-12-01T02:59:00Z', 7);
    const res = await call(
      '/api/v1/credits/usage?groupBy=day&from=2026-11-29T03:00:00Z&to=2026-12-01T03:00:00Z',
      { token: owner.token },
    );
    expect(res.json.timeZone).toBe('America/Sao_Paulo');
    expect(res.json.items.map((l: any) => [l.key, l.credits])).toEqual([
      ['2026-11-29', 3],
      ['2026-11-30', 12],
    ]);
  });

  it('refuses a range that is backwards or longer than a year, naming the field', async () => {
    const owner = await signUp();
    for (const q of [
      'from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z',
      'from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z',
    ]) {
      const res = await call(`/api/v1/credits/usage?${q}`, { token: owner.token });
      expect(res.status).toBe(422);
      expect(res.json.errors[0].path).toBe('query.from');
    }
  });
});

describe('adjustments', () => {
  const adjust = (person: TestUser, body: unknown, key?: string) =>
    call('/api/v1/credits/adjustments', {
      token: person.token,
      body,
      headers: key ? { 'idempotency-key': key } : {},
    });

  it('owners adjust with a reason; a retry with the same key changes nothing and is audited once', async () => {
    const owner = await signUp();
    const first = await adjust(owner, { credits: 50, reason: 'Goodwill' }, 'adj-1');
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ balance: WELCOME_CREDITS + 50 });
    const again = await adjust(owner, { credits: 50, reason: 'Goodwill' }, 'adj-1');
    expect(again.json).toEqual(first.json);
    const other = await adjust(owner, { credits: 60, reason: 'Goodwill' }, 'adj-1');
    expect(other.status).toBe(409);
    expect((await call('/api/v1/credits', { token: owner.token })).json.balance).toBe(
      WELCOME_CREDITS + 50,
    );
    const audit = await env.DB.prepare(
      "select count(*) as n from audit_log where org_id = ? and action = 'credits.adjusted'",
    )
      .bind(owner.org.id)
      .first<{ n: number }>();
    expect(audit!.n).toBe(1);
  });

  it('needs an Idempotency-Key, cannot remove more than is available, and is for owners only', async () => {
    const owner = await signUp();
    const admin = await addMember(owner, 'admin');
    const noKey = await adjust(owner, { credits: 5, reason: 'x' });
    expect(noKey.status).toBe(422);
    expect(noKey.json.errors[0].path).toBe('headers.idempotency-key');
    const tooMuch = await adjust(owner, { credits: -(WELCOME_CREDITS + 1), reason: 'x' }, 'k');
    expect(tooMuch.status).toBe(402);
    expect(tooMuch.json).toMatchObject({ missing: 1, available: WELCOME_CREDITS });
    expect((await adjust(admin, { credits: 5, reason: 'x' }, 'k2')).status).toBe(403);
  });
});

describe('settings', () => {
  it('saves spend limits, which then refuse holds past them', async () => {
    const owner = await signUp();
    const res = await call('/api/v1/credits/settings', {
      method: 'PUT',
      token: owner.token,
      body: { spendLimits: { orgMonthly: 100, memberMonthly: 5, members: {} } },
    });
    expect(res.status).toBe(200);
    const read = await call('/api/v1/credits/settings', { token: owner.token });
    expect(read.json).toMatchObject({
      spendLimits: { orgMonthly: 100, memberMonthly: 5 },
      autoRecharge: null,
      hasSavedCard: false,
    });
    const refused = await ledgerOf(env, owner.org.id)
      .hold({ key: 'h', credits: 6, memberId: owner.user.id, reason: 'x' })
      .then(unwrap)
      .catch((e) => e);
    expect(refused).toMatchObject({
      status: 402,
      extra: { scope: 'member', limit: 5, remaining: 5 },
    });
  });

  it('turns auto-recharge on only once a card is saved, pricing the pack in the org’s currency', async () => {
    const owner = await signUp();
    const autoRecharge = {
      enabled: true,
      thresholdCredits: 50,
      packId: 'pack-500',
      monthlyCapMinor: 20000,
    };
    const early = await call('/api/v1/credits/settings', {
      method: 'PUT',
      token: owner.token,
      body: { autoRecharge },
    });
    expect(early.status).toBe(409);
    const checkout = await call('/api/v1/billing/checkout', {
      token: owner.token,
      body: { packId: 'pack-500' },
    });
    const { SELF } = await import('cloudflare:test');
    await SELF.fetch(checkout.json.url, { method: 'POST', redirect: 'manual' });
    const saved = await call('/api/v1/credits/settings', {
      method: 'PUT',
      token: owner.token,
      body: { autoRecharge },
    });
    expect(saved.status).toBe(200);
    expect(saved.json.autoRecharge).toEqual({
      ...autoRecharge,
      credits: 500,
      amountMinor: 4900,
      currency: 'BRL',
    });
  });

  it('members read settings but cannot change them', async () => {
    const owner = await signUp();
    const member = await addMember(owner, 'member');
    expect((await call('/api/v1/credits/settings', { token: member.token })).status).toBe(200);
    const res = await call('/api/v1/credits/settings', {
      method: 'PUT',
      token: member.token,
      body: { spendLimits: { orgMonthly: 1, memberMonthly: 1 } },
    });
    expect(res.status).toBe(403);
  });
});
