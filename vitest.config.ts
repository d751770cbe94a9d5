import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        // Integration tests inside workerd, with real local D1, Durable Objects, Queues and R2.
        plugins: [
          cloudflareTest(async ({ inject }) => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              // The per-key limit is 1,200 a minute in wrangler.toml; tests prove the mechanism on 60.
              ratelimits: {
                API_KEY_LIMITER: { namespace_id: '1003', simple: { limit: 60, period: 60 } },
              },
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations('schema/migrations'),
                JWT_SECRET: 'test-jwt-secret-0123456789abcdef0123456789abcdef',
                ENCRYPTION_KEY: 'dGVzdC1lbmNyeXB0aW9uLWtleS0wMTIzNDU2Nzg5YWI=',
                LOG_LEVEL: 'error',
                SANDBOX_AI_PACE_MS: '2',
                // Google sign-in goes to the fake OpenID provider from test/fake-servers.ts.
                OIDC_ISSUER: inject('fakeOidcIssuer'),
                GOOGLE_CLIENT_ID: 'test-client-id',
                GOOGLE_CLIENT_SECRET: 'test-client-secret',
                STRIPE_WEBHOOK_SECRET: 'whsec_test_0123456789abcdefghijklmnop',
                // The real Stripe adapter is tested against the fake from test/fake-servers.ts.
                STRIPE_SECRET_KEY: 'sk_test_fake_0123456789',
                STRIPE_API_URL: inject('fakeStripeUrl'),
                // Connecting an ad account reads it from the fake Meta and TikTok (their own tenant).
                META_API_URL: `${inject('fakeMetaUrl')}/t/connections`,
                TIKTOK_API_URL: `${inject('fakeTikTokUrl')}/t/connections`,
              },
            },
          })),
        ],
        test: {
          name: 'workers',
          include: ['{worker,rooms,queues,services,providers,platform,domain,schema}/**/*.test.ts'],
          exclude: ['**/*.node.test.ts'],
          setupFiles: ['./test/setup.ts'],
          globalSetup: ['./test/fake-servers.ts'],
        },
      },
      {
        // Plain Node: scripts, the OpenAPI document's validity, and the web app's pure logic.
        test: {
          name: 'node',
          include: ['**/*.node.test.ts', 'web/src/**/*.test.ts'],
          exclude: ['node_modules/**'],
          environment: 'node',
        },
      },
    ],
  },
});
