import express, { Express, Request, Response } from 'express';
import type { AppServices } from '../services/app-services';
import { applyProviderEvent, ProviderEvent } from '../services/sales/payments/webhooks/provider-event';
import { verifySquareEvent } from '../services/sales/payments/webhooks/square-webhook';
import { verifyStripeEvent } from '../services/sales/payments/webhooks/stripe-webhook';
import { WebhookRejected } from '../services/sales/payments/webhooks/webhook-rejected';

type Verify = (services: AppServices, req: Request) => Promise<ProviderEvent | null>;

const PROVIDERS: Record<string, Verify> = {
  stripe: (services, req) =>
    verifyStripeEvent(services.gatewayAccounts, req.body as Buffer, req.header('stripe-signature')),
  square: (services, req) =>
    verifySquareEvent(
      services.gatewayAccounts,
      req.body as Buffer,
      req.header('x-square-hmacsha256-signature'),
      services.config.squareWebhookUrl ?? `${req.protocol}://${req.get('host')}${req.originalUrl}`,
    ),
};

/**
 * POST /webhooks/<provider>: the raw body (signatures are over the exact
 * bytes), verified by the provider's module, applied once. A refused event is
 * 400 (the provider shows it in its dashboard); a duplicate is 200 so the
 * provider stops retrying.
 */
export function providerWebhookRoutes(app: Express, services: AppServices): void {
  for (const [provider, verify] of Object.entries(PROVIDERS)) {
    app.post(`/webhooks/${provider}`, express.raw({ type: () => true, limit: '256kb' }), async (req, res: Response) => {
      try {
        if (!Buffer.isBuffer(req.body)) throw new WebhookRejected('empty body');
        const event = await verify(services, req);
        const outcome = event ? await applyProviderEvent(services.orm, services.log, event) : 'ignored';
        res.json({ received: true, outcome });
      } catch (error) {
        if (!(error instanceof WebhookRejected)) {
          services.log.error({ err: error, provider }, 'provider webhook failed');
          res.status(500).json({ error: 'internal' });
          return;
        }
        res.status(400).json({ error: error.message });
      }
    });
  }
}
