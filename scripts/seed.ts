/** Seeds the demo organization into a running dev Worker (idempotent). `npm run seed`. */
import { readFileSync } from 'node:fs';

export async function seedDemo(baseUrl: string, devVarsPath = '.dev.vars') {
  const token = /^DEV_SEED_TOKEN=(.*)$/m.exec(readFileSync(devVarsPath, 'utf8'))?.[1]?.trim();
  if (!token) throw new Error(`DEV_SEED_TOKEN missing from ${devVarsPath}`);
  const res = await fetch(`${baseUrl}/api/dev/seed`, {
    method: 'POST',
    headers: { 'x-dev-seed-token': token },
  });
  if (!res.ok) throw new Error(`seeding failed: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as { created: string[]; signIn: { email: string; password: string } };
}

if (import.meta.main) {
  const result = await seedDemo(process.argv[2] ?? 'http://127.0.0.1:8787');
  console.log(
    result.created.length ? `seeded: ${result.created.join(', ')}` : 'demo already seeded',
  );
}
