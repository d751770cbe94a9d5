/** @module Every D1 table, one file per domain. drizzle-kit reads this to generate migrations. */
export * from './accounts.ts';
export * from './audit.ts';
export * from './credits.ts';
export * from './jobs.ts';
export * from './orgs.ts';
export * from './pipeline.ts';
export * from './studio.ts';
