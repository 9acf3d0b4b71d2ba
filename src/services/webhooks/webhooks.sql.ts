/**
 * The webhook statements that are plain SQL: each is one round trip on a
 * path that runs inside someone else's transaction (a sale's) or on every
 * delivery attempt.
 */

/** Serialises a tenant's endpoint changes with its event-type sync. */
export const LOCK_TENANT = 'select 1 from tenants where id = :tenant for update';

/**
 * Writes the event and one PENDING delivery per active endpoint of the tenant
 * subscribed to its type, returning the deliveries' ids; writes nothing when
 * no endpoint wants it.
 */
export const INSERT_EVENT_AND_DELIVERIES = `
  with params as (
    select :tenant::uuid as tenant_id, :type::text as type, :eventId::uuid as event_id, :at::timestamptz as at,
      :body::text as body
  ), endpoints as (
    select w.id from webhook_endpoints w, params p
    where w.tenant_id = p.tenant_id and w.is_active and (p.type = any(w.events) or '*' = any(w.events))
  ), event as (
    insert into webhook_events (id, tenant_id, created_at, type, body)
    select p.event_id, p.tenant_id, p.at, p.type, p.body from params p where exists (select 1 from endpoints)
    returning id
  )
  insert into webhook_deliveries
    (id, tenant_id, created_at, endpoint_id, event_id, event_type, status, attempts, first_attempt_at, next_attempt_at, updated_at)
  select gen_random_uuid(), p.tenant_id, p.at, e.id, ev.id, p.type, 'PENDING', '[]', p.at, p.at, p.at
  from params p, endpoints e, event ev
  returning id`;

/** The union of the active endpoints' event types onto the tenant row (which checkout loads anyway). */
export const SYNC_TENANT_WEBHOOK_EVENTS = `
  update tenants t set webhook_events = coalesce((
    select array_agg(distinct ev) from webhook_endpoints w, unnest(w.events) ev
    where w.tenant_id = t.id and w.is_active
  ), '{}')
  where t.id = :tenant`;

/** A disabled endpoint's pending deliveries will not be sent: FAILED at once, not when their retry comes up. */
export const FAIL_PENDING_DELIVERIES = `
  update webhook_deliveries set status = 'FAILED', next_attempt_at = null, updated_at = now()
  where endpoint_id = :endpoint and tenant_id = :tenant and status = 'PENDING'`;

/**
 * What one delivery attempt needs, in one round trip: the delivery (only
 * while PENDING), its endpoint's address, state and signing secrets, and
 * the event body.
 */
export const LOAD_PENDING_DELIVERY = `
  select d.id, d.endpoint_id, e.url, e.is_active, e.secret, e.previous_secret, e.previous_secret_expires_at,
    ev.id as event_id, ev.type as event_type, ev.body
  from webhook_deliveries d
  join webhook_endpoints e on e.id = d.endpoint_id and e.tenant_id = d.tenant_id
  join webhook_events ev on ev.id = d.event_id and ev.tenant_id = d.tenant_id
  where d.id = :delivery and d.tenant_id = :tenant and d.status = 'PENDING'`;

/**
 * A 2xx answer, recorded by one statement outside any transaction (the
 * common case, so it costs the least): the attempt appended (keeping the
 * last :keep), the delivery SUCCEEDED, and the endpoint's run of failures
 * ended. Only a still-PENDING delivery changes, so a duplicated job records
 * nothing twice.
 */
export const RECORD_SUCCESS = `
  with done as (
    update webhook_deliveries d set status = 'SUCCEEDED', next_attempt_at = null, updated_at = now(),
      attempts = (
        select coalesce(jsonb_agg(a.value order by a.n), '[]'::jsonb)
        from jsonb_array_elements(d.attempts || jsonb_build_array(:attempt::jsonb)) with ordinality a(value, n)
        where a.n > jsonb_array_length(d.attempts) + 1 - :keep
      )
    where d.id = :delivery and d.tenant_id = :tenant and d.status = 'PENDING'
    returning d.endpoint_id
  )
  update webhook_endpoints e set failing_since = null, updated_at = now()
  from done where e.id = done.endpoint_id and e.tenant_id = :tenant and e.failing_since is not null`;

/** A delivery whose endpoint was disabled before it went out: it will not be sent. */
export const FAIL_DELIVERY = `
  update webhook_deliveries set status = 'FAILED', next_attempt_at = null, updated_at = now()
  where id = :delivery and tenant_id = :tenant and status = 'PENDING'`;

/** Endpoints (every tenant) with a secret stored before secrets were sealed: no :prefix. */
export const PLAINTEXT_SECRETS = `
  select id, tenant_id, secret, previous_secret from webhook_endpoints
  where not starts_with(secret, :prefix) or not starts_with(previous_secret, :prefix)`;

/** The sealed values, only if the row still holds what was read (a rotation in between wins). */
export const STORE_SEALED_SECRETS = `
  update webhook_endpoints set secret = :sealed, previous_secret = :sealedPrevious
  where id = :id and tenant_id = :tenant and secret = :secret and previous_secret is not distinct from :previousSecret
  returning id`;
