import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { balanceOf, studioJobsSettled } from '../../test/studio.ts';
import { DEMO, seedDemo } from '../accounts/demo-seed.ts';

const rows = (sql: string) => env.DB.prepare(sql).bind(DEMO.orgId).all<Record<string, any>>();

it('seeds the demo studio once: templates and generations that run and are paid', {
  timeout: 30_000,
}, async () => {
  const first = await seedDemo(env);
  expect(first.created).toEqual(
    expect.arrayContaining([
      'studio template Oferta da semana (Stories)',
      'studio demo-studio-caption',
      'studio demo-studio-image',
      'studio demo-studio-voice',
    ]),
  );
  expect((await seedDemo(env)).created).toEqual([]);
  expect((await rows('select name from studio_templates where org_id = ?')).results).toHaveLength(
    2,
  );

  const charged = await studioJobsSettled(DEMO.orgId);
  const jobs = await rows("select status from jobs where org_id = ? and kind = 'studio.generate'");
  expect(jobs.results.map((j) => j.status)).toEqual(['done', 'done', 'done']);
  const generations = await rows(
    'select modality, favorite, credits_charged from studio_generations where org_id = ? order by id',
  );
  expect(generations.results.map((g) => [g.modality, g.favorite])).toEqual([
    ['text', 1],
    ['image', 0],
    ['speech', 0],
  ]);
  expect(generations.results.every((g) => g.credits_charged > 0)).toBe(true);
  expect(charged).toBe(generations.results.reduce((n, g) => n + g.credits_charged, 0));

  // Seeding again, after everything ran, charges nothing more.
  const balance = await balanceOf(DEMO.orgId);
  expect(balance.held).toBe(0);
  expect((await seedDemo(env)).created).toEqual([]);
  expect(await balanceOf(DEMO.orgId)).toEqual(balance);
});
