/**
 * @module The HTTP app: middleware in order, then every route group under its base path.
 * Reading this file tells where any request goes.
 */
import { Hono } from 'hono';
import { requestLog } from './middleware/request-log.ts';
import { notFound, renderError } from './problem.ts';
import { sandboxIdentityApp } from './providers/identity/sandbox.ts';
import { sandboxPaymentRoutes } from './providers/payments/sandbox.ts';
import { type AppEnv, type MountedRoute, mount } from './router.ts';
import { alertRoutes } from './routes/alerts.ts';
import { apiKeyRoutes } from './routes/api-keys.ts';
import { auditLogRoutes } from './routes/audit-log.ts';
import { authRoutes } from './routes/auth.ts';
import { billingRoutes, stripeWebhookRoutes } from './routes/billing.ts';
import { boardRoutes } from './routes/boards.ts';
import { creditRoutes } from './routes/credits.ts';
import { devRoutes } from './routes/dev.ts';
import { devLedgerRoutes } from './routes/dev-ledger.ts';
import { docsRoutes } from './routes/docs.ts';
import { googleSignInRoutes } from './routes/google-sign-in.ts';
import { healthRoutes } from './routes/health.ts';
import { invitationRoutes } from './routes/invitations.ts';
import { jobRoutes } from './routes/jobs.ts';
import { leadRoutes } from './routes/leads.ts';
import { orgRoutes } from './routes/org.ts';
import { roomRoutes } from './routes/rooms.ts';
import { studioRoutes } from './routes/studio.ts';
import { studioSettingsRoutes } from './routes/studio-settings.ts';
import { studioTemplateRoutes } from './routes/studio-templates.ts';

export const app = new Hono<AppEnv>();

app.use(requestLog);
app.onError(renderError);
app.notFound((c) => {
  throw notFound(`Route ${c.req.method} ${c.req.path}`);
});

/** Every documented route, in the order the OpenAPI document lists them. */
export const routes: MountedRoute[] = [
  ...mount(app, '/api', healthRoutes),
  ...mount(app, '/api/v1', authRoutes),
  ...mount(app, '/api/v1', googleSignInRoutes),
  ...mount(app, '/api/v1', orgRoutes),
  ...mount(app, '/api/v1', invitationRoutes),
  ...mount(app, '/api/v1', apiKeyRoutes),
  ...mount(app, '/api/v1', auditLogRoutes),
  ...mount(app, '/api/v1', jobRoutes),
  ...mount(app, '/api/v1', alertRoutes),
  ...mount(app, '/api/v1', roomRoutes),
  ...mount(app, '/api/v1', creditRoutes),
  ...mount(app, '/api/v1', billingRoutes),
  ...mount(app, '/api', stripeWebhookRoutes),
  ...mount(app, '/api/v1', studioRoutes),
  ...mount(app, '/api/v1', studioTemplateRoutes),
  ...mount(app, '/api/v1', studioSettingsRoutes),
  ...mount(app, '/api/v1', boardRoutes),
  ...mount(app, '/api/v1', leadRoutes),
];

// Served but not part of the API contract: the docs themselves, the offline identity and
// payment providers, and local-development helpers.
mount(app, '/api', docsRoutes(routes));
app.route('/', sandboxIdentityApp);
mount(app, '/api/sandbox', sandboxPaymentRoutes);
mount(app, '/api', devRoutes);
mount(app, '/api', devLedgerRoutes);
