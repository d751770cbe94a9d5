/** The web's API types are the document's: regenerate with `npm run api:contract` when this fails. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTRACT_FILE, contractTypes } from './api-contract.ts';

describe('the web API contract', () => {
  it('matches the OpenAPI document the Worker serves', async () => {
    expect(readFileSync(CONTRACT_FILE, 'utf8')).toBe(await contractTypes());
  });
});
