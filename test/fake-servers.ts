/** Vitest global setup: starts the local fakes of outside services and hands their URLs to tests. */
import type { TestProject } from 'vitest/node';
import { startFakeElevenLabs } from './fakes/elevenlabs.ts';
import { startFakeGoogle } from './fakes/google-oidc.ts';
import { startFakeMeta } from './fakes/meta.ts';
import { startFakeOpenAi } from './fakes/openai.ts';
import { startFakeStripe } from './fakes/stripe.ts';
import { startFakeTikTok } from './fakes/tiktok.ts';

export default async function setup(project: TestProject) {
  const google = await startFakeGoogle();
  const stripe = await startFakeStripe();
  const openAi = await startFakeOpenAi();
  const elevenLabs = await startFakeElevenLabs();
  const meta = await startFakeMeta();
  const tiktok = await startFakeTikTok();
  project.provide('fakeOidcIssuer', google.issuer);
  project.provide('fakeStripeUrl', stripe.url);
  project.provide('fakeOpenAiUrl', openAi.url);
  project.provide('fakeElevenLabsUrl', elevenLabs.url);
  project.provide('fakeMetaUrl', meta.url);
  project.provide('fakeTikTokUrl', tiktok.url);
  return async () => {
    await Promise.all([
      google.close(),
      stripe.close(),
      openAi.close(),
      elevenLabs.close(),
      meta.close(),
      tiktok.close(),
    ]);
  };
}
