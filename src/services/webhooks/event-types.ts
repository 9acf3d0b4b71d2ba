/** Every event type an endpoint can subscribe to (docs/webhooks.md, Event catalogue). */
export const WEBHOOK_EVENT_TYPES = [
  'sale.completed',
  'sale.voided',
  'refund.created',
  'session.opened',
  'session.closed',
  'cash_movement.recorded',
  'stock.adjusted',
  'product.updated',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Subscribes to every type, including ones added later. */
export const ALL_EVENTS = '*';

export function isKnownEventSelector(value: string): boolean {
  return value === ALL_EVENTS || (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** Whether an endpoint (or a tenant's union of endpoints) subscribed to `events` wants `type`. */
export function subscribes(events: readonly string[], type: WebhookEventType): boolean {
  return events.includes(type) || events.includes(ALL_EVENTS);
}
