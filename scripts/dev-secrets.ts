/**
 * Local secrets in `.dev.vars` (git-ignored). Missing ones are generated at random and appended,
 * so a secret added later reaches existing checkouts too. Nothing here is ever committed.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** Every secret the Worker reads, with how to make a fresh local value. */
export const DEV_SECRETS: Record<string, () => string> = {
  JWT_SECRET: () => randomBytes(32).toString('hex'),
  ENCRYPTION_KEY: () => randomBytes(32).toString('base64'),
  DEV_SEED_TOKEN: () => randomBytes(24).toString('hex'),
  STRIPE_WEBHOOK_SECRET: () => `whsec_${randomBytes(24).toString('base64url')}`,
  // A placeholder in Stripe's key format: set a real test key here to use PAYMENTS_PROVIDER=stripe.
  STRIPE_SECRET_KEY: () => `sk_test_local${randomBytes(16).toString('hex')}`,
};

export function ensureDevVars(path = '.dev.vars'): string[] {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const present = new Set(
    current
      .split('\n')
      .map((line) => line.split('=')[0]?.trim())
      .filter(Boolean),
  );
  const added = Object.keys(DEV_SECRETS).filter((name) => !present.has(name));
  if (added.length) {
    const lines = added.map((name) => `${name}=${DEV_SECRETS[name]!()}`);
    const prefix = current && !current.endsWith('\n') ? '\n' : '';
    writeFileSync(path, `${current}${prefix}${lines.join('\n')}\n`, { mode: 0o600 });
  }
  return added;
}
