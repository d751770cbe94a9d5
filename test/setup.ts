/** Applies the D1 migrations before each test file, exactly as `wrangler d1 migrations apply` does. */
import { applyD1Migrations, env } from 'cloudflare:test';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS ?? []);
