/** @module Creating organizations: a unique slug, the org row and its first owner. */
import { eq } from 'drizzle-orm';
import { members, orgs } from '../../schema/orgs.ts';
import type { Db } from '../db.ts';
import { newId, randomToken } from '../ids.ts';

export function slugify(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return slug || 'org';
}

async function uniqueSlug(db: Db, name: string): Promise<string> {
  const base = slugify(name);
  const taken = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.slug, base)).get();
  return taken
    ? `${base}-${randomToken(4)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, 'x')}`
    : base;
}

/** The inserts for a new org owned by `ownerId`, to run in the caller's batch. */
export async function newOrgStatements(db: Db, name: string, ownerId: string) {
  const org = { id: newId(), name, slug: await uniqueSlug(db, name) };
  return {
    org,
    statements: [
      db.insert(orgs).values(org),
      db.insert(members).values({ orgId: org.id, userId: ownerId, role: 'owner' as const }),
    ] as const,
  };
}
