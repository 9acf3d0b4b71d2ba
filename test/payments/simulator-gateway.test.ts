import { randomUUID } from 'node:crypto';
import { dec } from '../../src/money/decimal';
import {
  AuthorizeRequest,
  GatewayError,
  GatewayTimeoutError,
  withDeadline,
} from '../../src/services/sales/payments/payment-gateway';
import { SimulatorGateway } from '../../src/services/sales/payments/simulator-gateway';
import { isValidCardNumber } from '../../src/services/sales/payments/simulator-rules';
import { registerTenant } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

let t: TestApp;
let TENANT: string;
beforeAll(async () => {
  t = await startTestApp();
  const tenant = await registerTenant(t);
  [{ id: TENANT }] = await t.sql<{ id: string }>('select id from tenants where slug = ?', [tenant.slug]);
});
afterAll(() => t.close());
const OPTS = { timeoutMs: 1000 };

function request(overrides: Partial<AuthorizeRequest> = {}): AuthorizeRequest {
  return {
    tenantId: TENANT,
    idempotencyKey: randomUUID(),
    amount: dec('25.00'),
    currency: 'USD',
    method: 'CARD',
    reference: '4242424242424242',
    ...overrides,
  };
}

async function errorOf(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    return error as GatewayError;
  }
  throw new Error('expected the call to fail');
}

let gateway: SimulatorGateway;
beforeEach(() => {
  gateway = new SimulatorGateway(t.app.services.orm, { latencyMs: 1 });
});

describe('authorize', () => {
  it('approves a valid card with a transaction ref and a raw response that does not hold the card number', async () => {
    const result = await gateway.authorize(request(), OPTS);
    expect(result.status).toBe('APPROVED');
    expect(result.declineReason).toBeUndefined();
    expect(result.transactionRef).toMatch(/^sim_ch_/);
    expect(result.raw).toMatchObject({
      id: result.transactionRef,
      status: 'approved',
      amount: '25',
      currency: 'USD',
      referenceLast4: '4242',
    });
    expect(JSON.stringify(result.raw)).not.toContain('4242424242424242');
  });

  it.each([
    ['4000000000000002', '25.00', 'card_declined'],
    ['4000000000009995', '25.00', 'insufficient_funds'],
    ['4242424242424242', '10.13', 'do_not_honor'],
    ['4242424242424241', '25.00', 'invalid_number'],
    ['4242 4242 4242 4242', '25.00', 'invalid_number'],
    ['42424242', '25.00', 'invalid_number'],
  ])('declines card %s for %s with %s', async (reference, amount, reason) => {
    const result = await gateway.authorize(request({ reference, amount: dec(amount) }), OPTS);
    expect(result).toMatchObject({ status: 'DECLINED', declineReason: reason });
    expect(result.transactionRef).toMatch(/^sim_ch_/);
    expect(result.raw).toMatchObject({ status: 'declined', declineCode: reason });
  });

  it('applies the suffix and amount rules, but not Luhn, to wallet ids', async () => {
    const wallet = (reference: string, amount = '5.00') =>
      gateway.authorize(request({ method: 'MOBILE_WALLET', reference, amount: dec(amount) }), OPTS);
    expect((await wallet('wallet-abc')).status).toBe('APPROVED');
    expect(await wallet('wallet-0002')).toMatchObject({ status: 'DECLINED', declineReason: 'card_declined' });
    expect(await wallet('wallet-abc', '3.13')).toMatchObject({ status: 'DECLINED', declineReason: 'do_not_honor' });
  });

  it('times out on a card ending 0119, yet the authorization exists and can be found and voided', async () => {
    const req = request({ reference: '4000000000000119' });
    const started = Date.now();
    // Long enough for the ledger row to be written on a loaded machine: the answer, not the write, is lost.
    const error = await errorOf(gateway.authorize(req, { timeoutMs: 1000 }));
    expect(error).toBeInstanceOf(GatewayTimeoutError);
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5000);

    const found = await gateway.lookup({ tenantId: TENANT, idempotencyKey: req.idempotencyKey }, OPTS);
    expect(found).toMatchObject({ status: 'APPROVED' });
    const voided = await gateway.void(
      { tenantId: TENANT, idempotencyKey: randomUUID(), transactionRef: found!.transactionRef },
      OPTS,
    );
    expect(voided.raw).toMatchObject({ state: 'voided' });
  });

  it('times out when the latency exceeds the deadline, and when the caller aborts', async () => {
    const slow = new SimulatorGateway(t.app.services.orm, { latencyMs: 200 });
    expect(await errorOf(slow.authorize(request(), { timeoutMs: 20 }))).toBeInstanceOf(GatewayTimeoutError);
    const controller = new AbortController();
    const pending = slow.authorize(request(), { timeoutMs: 5000, signal: controller.signal });
    controller.abort();
    const aborted = await errorOf(pending);
    expect(aborted).toBeInstanceOf(GatewayTimeoutError);
    expect(aborted.message).toMatch(/aborted/);
  });

  it('lookup of a key the gateway never saw is null; another tenant cannot see it', async () => {
    const req = request();
    await gateway.authorize(req, OPTS);
    expect(await gateway.lookup({ tenantId: TENANT, idempotencyKey: randomUUID() }, OPTS)).toBeNull();
    expect(await gateway.lookup({ tenantId: randomUUID(), idempotencyKey: req.idempotencyKey }, OPTS)).toBeNull();
  });

  it('answers a retry with the same idempotency key with the first result, and rejects the key for another request', async () => {
    const req = request();
    const first = await gateway.authorize(req, OPTS);
    const again = await gateway.authorize({ ...req, amount: dec('25.0000') }, OPTS);
    expect(again.transactionRef).toBe(first.transactionRef);
    const reused = await errorOf(gateway.authorize({ ...req, amount: dec('26.00') }, OPTS));
    expect(reused.code).toBe('idempotency_key_reused');
  });

  it('rejects a non-positive amount', async () => {
    expect((await errorOf(gateway.authorize(request({ amount: dec(0) }), OPTS))).code).toBe('invalid_amount');
  });
});

describe('capture, void and refund', () => {
  async function approved(amount = '25.00') {
    const result = await gateway.authorize(request({ amount: dec(amount) }), OPTS);
    expect(result.status).toBe('APPROVED');
    return result.transactionRef;
  }
  const call = (transactionRef: string, amount?: string, idempotencyKey = randomUUID()) => ({
    tenantId: TENANT,
    idempotencyKey,
    transactionRef,
    amount: dec(amount ?? 0),
  });

  it('captures up to the authorized amount, once', async () => {
    const ref = await approved();
    expect((await errorOf(gateway.capture(call(ref, '25.01'), OPTS))).code).toBe('amount_exceeds_authorized');
    const captured = await gateway.capture(call(ref, '20.00'), OPTS);
    expect(captured).toMatchObject({ transactionRef: ref, raw: { state: 'captured', captured: '20' } });
    expect((await errorOf(gateway.capture(call(ref, '1.00'), OPTS))).code).toBe('invalid_state');
  });

  it('refunds up to what was captured, across several refunds', async () => {
    const ref = await approved();
    expect((await errorOf(gateway.refund(call(ref, '1.00'), OPTS))).code).toBe('invalid_state'); // not captured yet
    await gateway.capture(call(ref, '25.00'), OPTS);
    await gateway.refund(call(ref, '10.00'), OPTS);
    const second = await gateway.refund(call(ref, '15.00'), OPTS);
    expect(second.raw).toMatchObject({ refunded: '25', captured: '25' });
    expect(second.raw.refundId).toMatch(/^sim_re_/);
    expect((await errorOf(gateway.refund(call(ref, '0.01'), OPTS))).code).toBe('amount_exceeds_captured');
  });

  it('applies a retried refund (same idempotency key) only once', async () => {
    const ref = await approved();
    await gateway.capture(call(ref, '25.00'), OPTS);
    const key = randomUUID();
    const first = await gateway.refund(call(ref, '20.00', key), OPTS);
    const retried = await gateway.refund(call(ref, '20.00', key), OPTS);
    expect(retried).toEqual(first);
    expect((await gateway.refund(call(ref, '5.00'), OPTS)).raw).toMatchObject({ refunded: '25' });
    expect((await errorOf(gateway.refund(call(ref, '5.00', key), OPTS))).code).toBe('idempotency_key_reused');
  });

  it('voids an authorization or an unrefunded capture, and nothing after that', async () => {
    const authorized = await approved();
    expect((await gateway.void(call(authorized), OPTS)).raw).toMatchObject({ state: 'voided' });
    expect((await errorOf(gateway.void(call(authorized), OPTS))).code).toBe('invalid_state');
    expect((await errorOf(gateway.capture(call(authorized, '1.00'), OPTS))).code).toBe('invalid_state');

    const captured = await approved();
    await gateway.capture(call(captured, '25.00'), OPTS);
    await gateway.void(call(captured), OPTS);
    expect((await errorOf(gateway.refund(call(captured, '1.00'), OPTS))).code).toBe('invalid_state');

    const refunded = await approved();
    await gateway.capture(call(refunded, '25.00'), OPTS);
    await gateway.refund(call(refunded, '1.00'), OPTS);
    expect((await errorOf(gateway.void(call(refunded), OPTS))).code).toBe('invalid_state');
  });

  it("rejects unknown refs, declined authorizations and another tenant's transactions", async () => {
    expect((await errorOf(gateway.void(call('sim_ch_nope'), OPTS))).code).toBe('unknown_transaction');
    expect((await errorOf(gateway.refund(call('sim_ch_nope', '1.00'), OPTS))).code).toBe('unknown_transaction');
    const declined = await gateway.authorize(request({ reference: '4000000000000002' }), OPTS);
    expect((await errorOf(gateway.capture(call(declined.transactionRef, '1.00'), OPTS))).code).toBe('invalid_state');
    const ref = await approved();
    const otherTenant = { ...call(ref), tenantId: randomUUID() };
    expect((await errorOf(gateway.void(otherTenant, OPTS))).code).toBe('unknown_transaction');
  });
});

describe('rules', () => {
  it('checks card numbers with Luhn', () => {
    for (const valid of [
      '4242424242424242',
      '4000000000000002',
      '4000000000009995',
      '4000000000000119',
      '5555555555554444',
      '378282246310005',
    ]) {
      expect(isValidCardNumber(valid)).toBe(true);
    }
    for (const invalid of ['4242424242424243', '1234567890123', '', 'abcd', '42424242424242424242']) {
      expect(isValidCardNumber(invalid)).toBe(false);
    }
  });

  it('withDeadline reports a call that rejects with its own AbortError as a timeout', async () => {
    const error = await errorOf(
      withDeadline(
        'fetch',
        { timeoutMs: 10 },
        (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('AbortError')))),
      ),
    );
    expect(error).toBeInstanceOf(GatewayTimeoutError);
  });
});
