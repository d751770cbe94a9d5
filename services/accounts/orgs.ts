/** @module Creating organizations: a unique slug, the org row and its first owner. */
import { eq } from 'drizzle-orm';
import { newId, randomToken } from '../../domain/ids.ts';
import type { Db } from '../../platform/db.ts';
import { members, orgs } from '../../schema/orgs.ts';

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
