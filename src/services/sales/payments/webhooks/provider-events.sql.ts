/** The statements that apply a verified provider event to our payment (provider-event.ts). */

/** Our payment for the provider's transaction, locked. */
export const LOCK_PAYMENT_BY_PROVIDER_REF = `
  select id from sale_payments where tenant_id = :tenant and gateway = :provider and transaction_ref = :ref for update`;

/** Records the event once (returns its row only the first time); the payment may be unknown (null). */
export const RECORD_PROVIDER_EVENT = `
  insert into provider_webhook_events (id, tenant_id, provider, event_id, type, payment_id)
  values (gen_random_uuid(), :tenant, :provider, :eventId, :type, :payment)
  on conflict (tenant_id, provider, event_id) do nothing returning id`;

/** Appends one entry (JSON text) to the payment's `gateway_response.providerEvents`. */
export const APPEND_PROVIDER_EVENT_TO_PAYMENT = `
  update sale_payments
  set gateway_response = coalesce(gateway_response, '{}'::jsonb)
    || jsonb_build_object('providerEvents',
         coalesce(gateway_response -> 'providerEvents', '[]'::jsonb) || jsonb_build_array(:entry::jsonb))
  where tenant_id = :tenant and id = :payment`;
