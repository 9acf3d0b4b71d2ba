import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { renderReceiptText } from '../../src/receipt/render-text';
import type { ReceiptData } from '../../src/receipt/receipt-data';
import { ADD_PAYMENT, COMPLETE_SALE } from '../checkout/checkout-support';
import { deviceToken, OPEN_CASH_DRAWER } from '../display/support';
import { decodeEscPos } from '../support/escpos-decode';
import { FakePrinter, startFakePrinter } from '../support/fake-printer';
import { addItem, newCart, PosFixture, setupPos } from '../support/pos-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const ROOT = path.resolve(__dirname, '../..');

const PRINT_RECEIPT = /* GraphQL */ `
  mutation PrintReceipt($input: PrintReceiptInput!) {
    printReceipt(input: $input) {
      id
      kind
      status
      payload
    }
  }
`;

/** The agent as its own process (`src/hardware-agent/main.ts`, what `npm run agent` runs), its JSON log lines collected. */
class AgentProcess {
  readonly logs: Array<Record<string, any>> = [];
  private readonly child: ChildProcess;

  constructor(server: string, token: string, printer: string) {
    this.child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/hardware-agent/main.ts', '--server', server, '--printer', printer],
      {
        cwd: ROOT,
        env: { ...process.env, POS_AGENT_TOKEN: token, LOG_LEVEL: 'info', TS_NODE_PROJECT: 'tsconfig.json' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let buffered = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) if (line.trim()) this.logs.push(JSON.parse(line));
    });
    this.child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  messages(): string[] {
    return this.logs.map((l) => l.msg);
  }

  async waitForLog(msg: string, count = 1, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.logs.filter((l) => l.msg === msg).length < count) {
      if (Date.now() > deadline)
        throw new Error(`agent never logged "${msg}" x${count}; logs: ${JSON.stringify(this.messages())}`);
      if (this.exited) throw new Error(`agent exited with ${this.child.exitCode ?? this.child.signalCode}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** SIGKILL: no goodbye, as when the register's PC loses power. */
  async kill(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<number | null> {
    if (this.exited) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.kill('SIGTERM');
    return exited;
  }
}

/** Lines as printed: trailing spaces and the blank feed before the cut do not show on paper. */
function printedLines(text: string): string[] {
  const lines = text.split('\n').map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the hardware agent end to end (real server, agent process, loopback TCP printer)', () => {
  let t: TestApp;
  let fx: PosFixture;
  let printer: FakePrinter;
  let token: string;
  const agents: AgentProcess[] = [];
  const startAgent = () => {
    const agent = new AgentProcess(t.url, token, printer.url);
    agents.push(agent);
    return agent;
  };

  beforeAll(async () => {
    t = await startTestApp();
    fx = await setupPos(t, {
      products: [
        { sku: 'BEANS', name: 'Espresso beans 1kg', price: '24.90', taxRate: '0.0825' },
        { sku: 'FILTER', name: 'Paper filters', price: '3.45', taxRate: '0.0825' },
      ],
    });
    printer = await startFakePrinter();
    token = await deviceToken(t, fx.ownerToken, fx.terminalId, 'HARDWARE_AGENT');
  });
  afterAll(async () => {
    for (const agent of agents) await agent.kill();
    await printer?.close();
    await t?.close();
  });

  /** A cart paid in cash with a note bigger than the total (change due), completed. */
  async function cashSale(lines: Record<string, number>): Promise<string> {
    const cart = await newCart(t, fx);
    let sale = cart;
    for (const [sku, quantity] of Object.entries(lines)) sale = await addItem(t, fx, cart.id, sku, quantity);
    await t.ok(
      ADD_PAYMENT,
      {
        input: {
          saleId: cart.id,
          method: 'CASH',
          amount: sale.totalAmount,
          receivedAmount: '100.00',
          idempotencyKey: randomUUID(),
        },
      },
      fx.cashier.token,
    );
    await t.ok(COMPLETE_SALE, { input: { saleId: cart.id, idempotencyKey: randomUUID() } }, fx.cashier.token);
    return cart.id;
  }

  const commandsOf = (saleId: string) =>
    t.sql<{ id: string; kind: string; status: string; attempts: number; payload: { receipt?: ReceiptData } }>(
      `select id, kind, status, attempts, payload from hardware_commands where sale_id = ? and tenant_id = (select tenant_id from sales where id = ?) order by created_at`,
      [saleId, saleId],
    );
  const allDone = (saleId: string) =>
    until(`commands of ${saleId} DONE`, async () => {
      const rows = await commandsOf(saleId);
      return rows.length > 0 && rows.every((r) => r.status === 'DONE') && rows;
    });

  /** The two jobs a cash sale prints: drawer kick, then the receipt (text, bold totals, cut). */
  function expectCashSaleJobs(jobs: Buffer[], receipt: ReceiptData) {
    const [drawer, paper] = jobs.map((job) => decodeEscPos(job));
    expect(drawer).toEqual({ text: '', hasCut: false, hasDrawerKick: true, boldRuns: [], barcodes: [] });
    expect(printedLines(paper.text)).toEqual(printedLines(renderReceiptText(receipt)));
    expect(paper.text).toContain(receipt.saleNumber);
    expect(paper.barcodes).toEqual([{ symbology: 'CODE128', data: receipt.saleNumber }]);
    expect(paper.hasCut).toBe(true);
    expect(
      paper.boldRuns.some((run) => run.startsWith('TOTAL USD') && run.trimEnd().endsWith(receipt.totalAmount)),
    ).toBe(true);
    expect(paper.boldRuns.some((run) => run.startsWith('CHANGE'))).toBe(true);
  }

  it('opens the drawer and prints the receipt of a cash sale, and the commands end DONE', async () => {
    const agent = startAgent();
    await agent.waitForLog('connected to the server');
    const saleId = await cashSale({ BEANS: 2, FILTER: 1 });

    const jobs = await printer.waitForJobs(2);
    const rows = await allDone(saleId);
    expect(rows.map((r) => [r.kind, r.attempts])).toEqual([
      ['OPEN_DRAWER', 1],
      ['PRINT_RECEIPT', 1],
    ]);
    expectCashSaleJobs(jobs, rows[1].payload.receipt!);
    await agent.waitForLog('command acknowledged', 2);
    expect(agent.messages()).toEqual(expect.arrayContaining(['drawer kick sent', 'receipt printed']));
  });

  it('prints what it missed while it was down, once, after a restart', async () => {
    await agents[agents.length - 1].kill();
    const before = printer.jobs.length;
    const saleId = await cashSale({ FILTER: 3 });
    await new Promise((r) => setTimeout(r, 300));
    expect((await commandsOf(saleId)).map((r) => r.status)).toEqual(['PENDING', 'PENDING']);
    expect(printer.jobs.length).toBe(before);

    const agent = startAgent();
    const jobs = (await printer.waitForJobs(before + 2)).slice(before);
    const rows = await allDone(saleId);
    expectCashSaleJobs(jobs, rows[1].payload.receipt!);
    expect(rows.map((r) => r.attempts)).toEqual([1, 1]);

    // Nothing else arrives: the earlier sale's (DONE) commands are not sent again.
    await new Promise((r) => setTimeout(r, 1000));
    expect(printer.jobs.length).toBe(before + 2);
    expect(agent.logs.filter((l) => l.msg === 'command received').map((l) => l.commandId)).toEqual(
      rows.map((r) => r.id),
    );
  });

  it('reprints on printReceipt and opens the drawer on openCashDrawer', async () => {
    const agent = agents[agents.length - 1];
    const before = printer.jobs.length;
    const saleId = (
      await t.sql<{ id: string }>(
        `select id from sales where terminal_id = ? and status = 'COMPLETED' order by completed_at limit 1`,
        [fx.terminalId],
      )
    )[0].id;
    const reprint = (await t.ok(PRINT_RECEIPT, { input: { saleId } }, fx.cashier.token)).printReceipt;
    expect(reprint).toMatchObject({ kind: 'PRINT_RECEIPT', status: 'PENDING', payload: { saleId } });
    const [paper] = (await printer.waitForJobs(before + 1)).slice(before).map((job) => decodeEscPos(job));
    expect(printedLines(paper.text)).toEqual(printedLines(renderReceiptText(reprint.payload.receipt)));

    const drawer = (
      await t.ok(
        OPEN_CASH_DRAWER,
        { input: { terminalId: fx.terminalId, reason: 'change for a note' } },
        fx.cashier.token,
      )
    ).openCashDrawer;
    const [kick] = (await printer.waitForJobs(before + 2)).slice(before + 1).map((job) => decodeEscPos(job));
    expect(kick.hasDrawerKick).toBe(true);
    await until('both DONE', async () => {
      const rows = await t.sql(`select status from hardware_commands where id in (?, ?)`, [reprint.id, drawer.id]);
      return rows.every((r) => r.status === 'DONE');
    });
    expect(await agent.stop()).toBe(0);
  });

  it('marks a command FAILED, with the error, when the printer cannot be reached', async () => {
    const dead = `tcp://127.0.0.1:${await closedPort()}`;
    const agent = new AgentProcess(t.url, token, dead);
    agents.push(agent);
    const drawer = (
      await t.ok(OPEN_CASH_DRAWER, { input: { terminalId: fx.terminalId, reason: 'printer off' } }, fx.cashier.token)
    ).openCashDrawer;
    const [row] = await until('FAILED', async () => {
      const rows = await t.sql(`select status, last_error from hardware_commands where id = ?`, [drawer.id]);
      return rows[0].status === 'FAILED' && rows;
    });
    expect(row.last_error).toContain('refused the connection');
    await agent.kill();
  });
});

async function closedPort(): Promise<number> {
  const net = await import('node:net');
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as import('node:net').AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
