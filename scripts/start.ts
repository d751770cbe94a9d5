/**
 * `npm start`: the whole app on http://localhost:8787 — dev secrets, migrated local D1, the SPA
 * built, `wrangler dev` with testable crons, and the demo organization seeded.
 */
import { ensureDevVars } from './dev-secrets.ts';
import { buildSpa, migrateLocal, startWorker } from './dev-stack.ts';
import { seedDemo } from './seed.ts';

const port = Number(process.env.PORT ?? 8787);

const added = ensureDevVars();
if (added.length) console.log(`.dev.vars: generated ${added.join(', ')}`);
migrateLocal();
buildSpa();
const worker = await startWorker({ port });
const seeded = await seedDemo(worker.url);
console.log(`
  GestorLead is running on http://localhost:${port}
  Demo sign-in: ${seeded.signIn.email} / ${seeded.signIn.password}${seeded.created.length ? ' (just seeded)' : ''}
  API docs: http://localhost:${port}/api/docs · crons: /__scheduled?cron=0+*+*+*+*
`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, async () => {
    await worker.stop();
    process.exit(0);
  });
worker.process.on('exit', (code) => process.exit(code ?? 0));
