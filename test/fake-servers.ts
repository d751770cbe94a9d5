/** Vitest global setup: starts the local fakes of outside services and hands their URLs to tests. */
import type { TestProject } from 'vitest/node';
import { startFakeGoogle } from './fakes/google-oidc.ts';
import { startFakeStripe } from './fakes/stripe.ts';

export default async function setup(project: TestProject) {
  const google = await startFakeGoogle();
  project.provide('fakeOidcIssuer', google.issuer);
  const stripe = await startFakeStripe();
  project.provide('fakeStripeUrl', stripe.url);
  return async () => {
    await google.close();
    await stripe.close();
  };
}
