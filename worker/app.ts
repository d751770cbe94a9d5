/**
 * @module The HTTP app: middleware in order, then every route group under its base path.
 * Reading this file tells where any request goes.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { notFound, Problem, problemResponse, renderError } from '../platform/problem.ts';
import { requestLog } from './middleware/request-log.ts';
import { responseHeaders } from './middleware/response-headers.ts';
import { type AppEnv, type MountedRoute, mount } from './router.ts';
import { adPlatformRoutes } from './routes/ad-platforms.ts';
import { adReportRoutes } from './routes/ad-reports.ts';
import { alertRoutes } from './routes/alerts.ts';
import { apiKeyRoutes } from './routes/api-keys.ts';
import { auditLogRoutes } from './routes/audit-log.ts';
import { authRoutes } from './routes/auth.ts';
import { autopilotRoutes } from './routes/autopilot.ts';
import { billingRoutes, stripeWebhookRoutes } from './routes/billing.ts';
import { boardRoutes } from './routes/boards.ts';
import { campaignRoutes } from './routes/campaigns.ts';
import { conversionSecretRoutes, conversionWebhookRoutes } from './routes/conversions.ts';
import { creativeRoutes } from './routes/creatives.ts';
import { creditRoutes } from './routes/credits.ts';
import { devRoutes } from './routes/dev.ts';
import { devAdsRoutes } from './routes/dev-ads.ts';
import { devLedgerRoutes } from './routes/dev-ledger.ts';
import { docsRoutes } from './routes/docs.ts';
import { googleSignInRoutes } from './routes/google-sign-in.ts';
import { healthRoutes } from './routes/health.ts';
import { invitationRoutes } from './routes/invitations.ts';
import { jobRoutes } from './routes/jobs.ts';
import { leadImportRoutes } from './routes/lead-imports.ts';
import { leadIntakeRoutes } from './routes/lead-intake.ts';
import { leadRoutes } from './routes/leads.ts';
import { orgRoutes } from './routes/org.ts';
import { productRoutes } from './routes/products.ts';
import { roomRoutes } from './routes/rooms.ts';
import { studioRoutes } from './routes/studio.ts';
import { studioSettingsRoutes } from './routes/studio-settings.ts';
import { studioTemplateRoutes } from './routes/studio-templates.ts';
import { sandboxPaymentRoutes } from './sandbox/checkout-pages.ts';
import { sandboxIdentityApp } from './sandbox/identity-provider.ts';

export const app = new Hono<AppEnv>();

app.use(requestLog);
app.use(responseHeaders);
// Web-form capture is the one endpoint other sites call from their pages: any origin may post to
// it (the board's secret is the credential, no cookies are read, and the answer says nothing
// about the board). Every other path is for our own app and answers no CORS at all.
app.use(
  '/api/v1/capture/*',
  cors({
    origin: '*',
    allowMethods: ['POST'],
    allowHeaders: ['Content-Type', 'X-Capture-Secret', 'Idempotency-Key'],
    maxAge: 86_400,
  }),
);
// A known path asked with a method it does not take: 405 naming the methods it does.
app.use(
  methodNotAllowed({
    app,
    onMethodNotAllowed: (c, methods) =>
      problemResponse(
        new Problem(405, 'Method not allowed', `${c.req.path} answers ${methods.join(', ')}.`, [], {
          Allow: methods.join(', '),
        }),
        c.req.path,
      ),
  }),
);
app.onError(renderError);
// Answered, not thrown, so the 405 check above sees a plain 404.
app.notFound((c) => problemResponse(notFound(`Route ${c.req.method} ${c.req.path}`), c.req.path));

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
  ...mount(app, '/api/v1', autopilotRoutes),
  ...mount(app, '/api/v1', adReportRoutes),
  ...mount(app, '/api/v1', conversionSecretRoutes),
  ...mount(app, '/api', conversionWebhookRoutes),
  ...mount(app, '/api/v1', productRoutes),
  ...mount(app, '/api/v1', creativeRoutes),
  ...mount(app, '/api/v1', campaignRoutes),
  ...mount(app, '/api/v1', adPlatformRoutes),
  ...mount(app, '/api/v1', boardRoutes),
  ...mount(app, '/api/v1', leadRoutes),
  ...mount(app, '/api/v1', leadIntakeRoutes),
  ...mount(app, '/api/v1', leadImportRoutes),
];

// Served but not part of the API contract: the docs themselves, the offline identity and
// payment providers, and local-development helpers.
mount(app, '/api', docsRoutes(routes));
app.route('/', sandboxIdentityApp);
mount(app, '/api/sandbox', sandboxPaymentRoutes);
mount(app, '/api', devRoutes);
mount(app, '/api', devLedgerRoutes);
mount(app, '/api', devAdsRoutes);
