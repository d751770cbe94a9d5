import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

/**
 * Two projects: the Worker's integration tests run inside workerd with real local D1, Durable
 * Objects, Queues and R2; the web app's and scripts' pure logic runs in plain Node.
 */
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest(async ({ inject }) => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations('schema/migrations'),
                JWT_SECRET: 'test-jwt-secret-0123456789abcdef0123456789abcdef',
                ENCRYPTION_KEY: 'dGVzdC1lbmNyeXB0aW9uLWtleS0wMTIzNDU2Nzg5YWI=',
                LOG_LEVEL: 'warn',
                // Google sign-in goes to the fake OpenID provider started by test/fake-servers.ts.
                OIDC_ISSUER: inject('fakeOidcIssuer'),
                GOOGLE_CLIENT_ID: 'test-client-id',
                GOOGLE_CLIENT_SECRET: 'test-client-secret',
              },
            },
          })),
        ],
        test: {
          name: 'worker',
          include: ['{worker,rooms,queues,schema}/**/*.test.ts'],
          setupFiles: ['./test/setup.ts'],
          globalSetup: ['./test/fake-servers.ts'],
        },
      },
      {
        test: {
          name: 'web',
          include: ['web/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
        },
      },
    ],
  },
});
