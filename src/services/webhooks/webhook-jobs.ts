/** The delivery queue: one job per attempt of one delivery (an event to one endpoint). */
export const WEBHOOK_DELIVERY_JOB = 'deliver-webhook';

export interface WebhookDeliveryJob {
  tenantId: string;
  deliveryId: string;
}
