/** A provider webhook we refuse (bad signature, unknown tenant, unreadable body): answered 400. */
export class WebhookRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookRejected';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The tenant an (unverified) body says it is for; verification with that tenant's secret decides. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- `pick` reads an unverified provider body
export function tenantHint(rawBody: Buffer, pick: (body: any) => unknown): string {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new WebhookRejected('body is not JSON');
  }
  const tenantId = pick(body);
  if (typeof tenantId !== 'string' || !UUID.test(tenantId)) throw new WebhookRejected('event names no tenant');
  return tenantId;
}
