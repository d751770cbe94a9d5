/** Vitest global setup: starts the local fakes of outside services and hands their URLs to tests. */
import type { TestProject } from 'vitest/node';
import { startFakeElevenLabs } from './fakes/elevenlabs.ts';
import { startFakeGoogle } from './fakes/google-oidc.ts';
import { startFakeOpenAi } from './fakes/openai.ts';

export default async function setup(project: TestProject) {
  const google = await startFakeGoogle();
  const openAi = await startFakeOpenAi();
  const elevenLabs = await startFakeElevenLabs();
  project.provide('fakeOidcIssuer', google.issuer);
  project.provide('fakeOpenAiUrl', openAi.url);
  project.provide('fakeElevenLabsUrl', elevenLabs.url);
  return async () => {
    await Promise.all([google.close(), openAi.close(), elevenLabs.close()]);
  };
}
