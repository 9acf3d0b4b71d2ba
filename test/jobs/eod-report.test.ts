import { complete, payOk } from '../checkout/checkout-support';
import { generateEodReport, scheduleEodReports } from '../../src/jobs/eod-report.job';
import { JOBS } from '../../src/jobs/job-names';
import { Mailer } from '../../src/services/core/mailer';
import { addItem, newCart, PosFixture, setupPos } from '../support/pos-fixtures';
import { startSmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

let t: TestApp;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let fx: PosFixture;

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await startTestApp();
  fx = await setupPos(t, { products: [{ sku: 'MUG', price: '12.50', taxRate: '0.08' }] });
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

describe('end-of-day report', () => {
  it('emails the day summary and session figures to the report recipients, once per location and day', async () => {
    await t.ok(
      `mutation { updateTenantSettings(input: { reportRecipients: ["boss@shop.test"] }) { reportRecipients } }`,
      {},
      fx.ownerToken,
    );
    const cart = await newCart(t, fx);
    await addItem(t, fx, cart.id, 'MUG', 2);
    await payOk(t, fx.cashier.token, { saleId: cart.id, method: 'CASH', receivedAmount: '30.00' });
    await complete(t, fx.cashier.token, cart.id);
    const [{ date }] = await t.sql<{ date: string }>(
      `select to_char((s.completed_at at time zone l.timezone)::date, 'YYYY-MM-DD') as date
       from sales s join locations l on l.id = s.location_id where s.id = ?`,
      [cart.id],
    );

    const mailer = new Mailer(sink.url, '/nonexistent');
    const job = { tenantId: await tenantIdOf(fx), locationId: fx.locationId, date };
    try {
      await generateEodReport(t.app.services, mailer, job);
      await generateEodReport(t.app.services, mailer, job); // a retried or duplicated job sends nothing more
    } finally {
      mailer.close();
    }
    expect(sink.messages).toHaveLength(1);
    const mail = sink.messages[0];
    expect(mail.subject).toBe(`End of day Main store ${date}`);
    expect(mail.text).toMatch(/^Sales\s+1$/m);
    expect(mail.text).toMatch(/^Revenue\s+27\.00$/m); // at the currency's minor unit, not 27.0000
    expect(mail.text).toMatch(/^Cash\s+27\.00$/m);
    expect(mail.text).toMatch(/^Refunds\s+0\.00$/m);
    expect(mail.text).toContain(
      `${fx.terminalCode} S-000001 OPEN: sales 1, gross 25.00, refunds 0.00, expected cash 127.00`,
    );
    const [row] = await t.sql<{ recipients: string[] }>(
      'select recipients from eod_reports where location_id = ? and date = ?',
      [fx.locationId, date],
    );
    expect(row.recipients).toEqual(['boss@shop.test']);
  });

  it("schedules yesterday's report for locations of tenants with recipients", async () => {
    await scheduleEodReports(t.app.services, JOBS.generateEodReport);
    const jobs = await t.sql<{ data: { locationId: string } }>('select data from pgboss.job where name = ?', [
      JOBS.generateEodReport,
    ]);
    expect(jobs.map((j) => j.data.locationId)).toContain(fx.locationId);
  });
});

async function tenantIdOf(fixture: PosFixture): Promise<string> {
  const [row] = await t.sql<{ tenant_id: string }>('select tenant_id from locations where id = ?', [
    fixture.locationId,
  ]);
  return row.tenant_id;
}
