import { createHash, randomUUID } from 'node:crypto';
import { jobContext } from '../../src/jobs/job-context';
import {
  RELEASE_AFTER_SECONDS,
  RELEASE_CHECKOUT_JOB,
  ReleaseCheckoutData,
  releaseFailedCheckout,
} from '../../src/services/sales/checkout/checkout-release';
import { PosFixture, setupPos } from '../support/pos-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { APPROVED_CARD } from './checkout-support';

const CHECKOUT = /* GraphQL */ `
  mutation CheckoutWithCards($input: CheckoutInput!) {
    checkout(input: $input) {
      id
      status
      totalAmount
    }
  }
`;
const DECLINING_CARD = '4000000000000002';

/** A failed one-request checkout whose first card was approved: what happens to that card payment. */
describe('checkout: a failed checkout releases the card payments it took', () => {
  let t: TestApp;
  let fx: PosFixture;
  beforeAll(async () => {
    t = await startTestApp();
    fx = await setupPos(t, { products: [{ sku: 'A', price: '20.00', taxRate: '0' }] });
  });
  afterAll(async () => {
    await t.close();
  });

  /** The simulator's own record of the authorization made for the checkout's payment n. */
  const authorization = async (requestKey: string, n: number) => {
    const key = `addPayment:checkout:${createHash('sha256').update(requestKey).digest('hex').slice(0, 40)}:${n}`;
    const [row] = await t.sql('select state from simulator_transactions where idempotency_key = ?', [key]);
    return row?.state as string | undefined;
  };
  const release = (data: ReleaseCheckoutData) =>
    releaseFailedCheckout(
      jobContext(t.app.services, RELEASE_CHECKOUT_JOB, data.tenantId),
      t.app.services.gateways,
      t.app.services.idempotency,
      data,
    );
  const splitCards = (idempotencyKey: string) => ({
    terminalId: fx.terminalId,
    items: [{ sku: 'A', quantity: 1 }],
    payments: [
      { method: 'CARD', amount: '12.00', reference: APPROVED_CARD },
      { method: 'CARD', reference: DECLINING_CARD },
    ],
    idempotencyKey,
  });

  it('schedules the release; the release cancels the approved card and the key then answers CHECKOUT_RELEASED', async () => {
    const key = randomUUID();
    const failed = await t.gql(CHECKOUT, { input: splitCards(key) }, fx.cashier.token);
    expect(failed.errors?.[0].extensions?.code).toBe('PAYMENT_DECLINED');
    // Rolled back on our side; the acquirer captured the first card and declined the second.
    expect(await authorization(key, 0)).toBe('CAPTURED');
    expect(await authorization(key, 1)).toBe('DECLINED');

    const jobs = await t.sql(
      `select data, extract(epoch from start_after - created_on)::int as delay from pgboss.job
       where name = ? and data->>'requestKey' = ?`,
      [RELEASE_CHECKOUT_JOB, key],
    );
    expect(jobs).toHaveLength(1);
    expect(jobs[0].delay).toBeGreaterThanOrEqual(RELEASE_AFTER_SECONDS - 2);
    expect(jobs[0].data.payments.map((p: { method: string }) => p.method)).toEqual(['CARD', 'CARD']);

    expect(await release(jobs[0].data)).toBe(true);
    expect(await authorization(key, 0)).toBe('VOIDED');
    // A retried job (pg-boss after a crash) runs again under the same claim, changing nothing more.
    expect(await release(jobs[0].data)).toBe(true);
    expect(await authorization(key, 0)).toBe('VOIDED');

    const retry = await t.gql(CHECKOUT, { input: splitCards(key) }, fx.cashier.token);
    expect(retry.errors?.[0].extensions?.code).toBe('CHECKOUT_RELEASED');
    const [{ n }] = await t.sql(
      'select count(*)::int as n from sale_payments where sale_id in (select id from sales where terminal_id = ?)',
      [fx.terminalId],
    );
    expect(n).toBe(0);
  });

  it('leaves the payments of a checkout that a retry completed alone', async () => {
    const key = randomUUID();
    const input = {
      terminalId: fx.terminalId,
      items: [{ sku: 'A', quantity: 1 }],
      payments: [{ method: 'CARD', reference: APPROVED_CARD }],
      idempotencyKey: key,
    };
    const sale = (await t.ok(CHECKOUT, { input }, fx.cashier.token)).checkout;
    expect(sale).toMatchObject({ status: 'COMPLETED', totalAmount: '20.00' });
    const [{ id: tenantId }] = await t.sql('select tenant_id as id from sales where id = ?', [sale.id]);
    const data: ReleaseCheckoutData = {
      tenantId,
      terminalId: fx.terminalId,
      requestKey: key,
      requestHash: 'of an earlier failed try',
      payments: [
        { method: 'CARD', idempotencyKey: `checkout:${createHash('sha256').update(key).digest('hex').slice(0, 40)}:0` },
      ],
    };
    expect(await release(data)).toBe(false);
    expect(await authorization(key, 0)).toBe('CAPTURED');
    const replay = await t.ok(CHECKOUT, { input }, fx.cashier.token);
    expect(replay.checkout.id).toBe(sale.id);
  });

  it('schedules nothing when no card payment was sent (cash, or a failure before paying)', async () => {
    const key = randomUUID();
    const short = await t.gql(
      CHECKOUT,
      {
        input: {
          terminalId: fx.terminalId,
          items: [{ sku: 'A', quantity: 1000 }],
          payments: [{ method: 'CARD', reference: APPROVED_CARD }],
          idempotencyKey: key,
        },
      },
      fx.cashier.token,
    );
    expect(short.errors?.[0].extensions?.code).toBe('INSUFFICIENT_STOCK');
    const jobs = await t.sql(`select 1 from pgboss.job where name = ? and data->>'requestKey' = ?`, [
      RELEASE_CHECKOUT_JOB,
      key,
    ]);
    expect(jobs).toHaveLength(0);
  });
});
