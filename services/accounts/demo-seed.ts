/**
 * @module The demo organization `npm start` seeds: fixed ids and insert-if-absent, so seeding
 * twice changes nothing. Domains add their demo data here, through their own services.
 */

import { eq } from 'drizzle-orm';
import { auditEntry } from '../../platform/audit.ts';
import { database } from '../../platform/db.ts';
import type { Env } from '../../platform/env.ts';
import { unwrap } from '../../platform/room-refusal.ts';
import { users } from '../../schema/accounts.ts';
import { members, orgs } from '../../schema/orgs.ts';
import { seedAdsDemo } from '../ads/demo.ts';
import { ledgerOf } from '../credits/ledger-client.ts';
import { seedPipelineDemo } from '../pipeline/demo.ts';
import { seedStudioDemo } from '../studio/demo.ts';
import { hashPassword } from './passwords.ts';

export const DEMO = {
  orgId: '00000000-0000-7000-8000-00000000d3e0',
  orgName: 'Agência Demo',
  password: 'gestorlead-demo',
  people: [
    {
      id: '00000000-0000-7000-8000-00000000d3e1',
      email: 'demo@gestorlead.dev',
      name: 'Ana Demo',
      role: 'owner',
    },
    {
      id: '00000000-0000-7000-8000-00000000d3e2',
      email: 'carla@gestorlead.dev',
      name: 'Carla Vendas',
      role: 'member',
    },
  ],
} as const;

export async function seedDemo(
  env: Env,
): Promise<{ created: string[]; signIn: { email: string; password: string } }> {
  const db = database(env.DB);
  const created: string[] = [];
  const org = await db
    .insert(orgs)
    .values({ id: DEMO.orgId, name: DEMO.orgName, slug: 'agencia-demo' })
    .onConflictDoNothing()
    .returning({ id: orgs.id })
    .get();
  if (org) created.push('org');
  for (const person of DEMO.people) {
    const exists = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.id, person.id))
      .get();
    if (exists) continue;
    await db.batch([
      db.insert(users).values({
        id: person.id,
        email: person.email,
        name: person.name,
        passwordHash: await hashPassword(DEMO.password),
      }),
      db
        .insert(members)
        .values({ orgId: DEMO.orgId, userId: person.id, role: person.role })
        .onConflictDoNothing(),
      auditEntry(db, null, null, {
        orgId: DEMO.orgId,
        action: 'member.seeded',
        targetType: 'member',
        targetId: person.id,
        data: { role: person.role },
      }),
    ]);
    created.push(person.email);
  }
  await seedDemoCredits(env);
  created.push(...(await seedStudioDemo(env, DEMO.orgId, DEMO.people[0].id)));
  created.push(...(await seedAdsDemo(env, DEMO.orgId, DEMO.people[0].id)));
  created.push(
    ...(await seedPipelineDemo(
      env,
      DEMO.orgId,
      DEMO.people.map((person) => person.id),
    )),
  );
  return { created, signIn: { email: DEMO.people[0].email, password: DEMO.password } };
}

/** Some demo usage, so the Credits page has a statement and a chart: provider, model, who, credits. */
const DEMO_USAGE = [
  ['openai', 'gpt-4o-mini', 0, 12, { inputTokens: 900, outputTokens: 350 }],
  ['sandbox', 'sandbox-image', 0, 40, { images: 1 }],
  ['elevenlabs', 'eleven_multilingual_v2', 1, 25, { characters: 1200 }],
  ['openai', 'gpt-4o-mini', 1, 8, { inputTokens: 500, outputTokens: 210 }],
  ['sandbox', 'sandbox-image', 1, 40, { images: 1 }],
] as const;

/** Fixed keys: seeding again finds every operation already done and changes nothing. */
async function seedDemoCredits(env: Env) {
  const ledger = ledgerOf(env, DEMO.orgId);
  unwrap(await ledger.grant({ key: 'demo-credits', credits: 5000, reason: 'demo' }));
  for (const [i, [provider, model, person, credits, units]] of DEMO_USAGE.entries()) {
    const hold = unwrap(
      await ledger.hold({
        key: `demo-usage-hold-${i}`,
        credits: credits + 5,
        memberId: DEMO.people[person].id,
        reason: 'studio.generation',
        reasonParams: {
          modality: 'images' in units ? 'image' : 'characters' in units ? 'speech' : 'text',
        },
      }),
    );
    unwrap(
      await ledger.capture({
        key: `demo-usage-capture-${i}`,
        holdId: hold.holdId,
        credits,
        usage: { provider, model, priceVersion: '2026-11-01', units },
      }),
    );
  }
  await ledgerOf(env, DEMO.orgId).mirrorNow();
}
