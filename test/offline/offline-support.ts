import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { PosFixture } from '../support/pos-fixtures';
import { TestApp } from '../support/test-app';

/* The offline operations and a register that numbers its own sales, shared by the offline suites. */

export const SUBMIT_OFFLINE_SALES = /* GraphQL */ `
  mutation SubmitOfflineSales($input: SubmitOfflineSalesInput!) {
    submitOfflineSales(input: $input) {
      clientId
      status
      code
      message
      sale {
        id
        saleNumber
        totalAmount
      }
      warnings {
        code
        message
        productId
      }
    }
  }
`;

export const TERMINAL_SYNC_STATE = /* GraphQL */ `
  query TerminalSyncState($terminalId: ID!) {
    terminalSyncState(terminalId: $terminalId) {
      lastSaleNumber
      openSessionId
      catalogueCursor
      serverTime
    }
  }
`;

export const FLAGGED_OFFLINE_SALES = /* GraphQL */ `
  query FlaggedOfflineSales($terminalId: ID) {
    flaggedOfflineSales(terminalId: $terminalId) {
      id
      registerNumber
      registerTotal
      computedTotal
      warnings {
        code
        productId
      }
    }
  }
`;

export const NEGATIVE_STOCK = /* GraphQL */ `
  query NegativeStock($locationId: ID) {
    negativeStock(locationId: $locationId) {
      productId
      sku
      onHand
    }
  }
`;

export interface OfflineLine {
  sku: string;
  quantity: number;
  unitPrice: string;
}

/** A register's offline queue: it numbers its sales itself, continuing from `lastSaleNumber`. */
export class OfflineRegister {
  private next: number;
  constructor(
    private readonly fx: PosFixture,
    lastSaleNumber = 0,
  ) {
    this.next = lastSaleNumber + 1;
  }

  /** One cash sale paid exactly (the register computed `total`). */
  sale(lines: OfflineLine[], total: string, extra: Record<string, unknown> = {}) {
    const at = new Date(Date.now() - 60_000).toISOString();
    return {
      clientId: randomUUID(),
      saleNumber: this.next++,
      sessionId: this.fx.sessionId,
      cashierId: this.fx.cashier.id,
      createdAt: at,
      completedAt: at,
      items: lines.map((l) => ({
        productId: this.fx.products[l.sku].id,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
      })),
      payments: [{ method: 'CASH', amount: total, receivedAmount: total }],
      totalAmount: total,
      ...extra,
    };
  }
}

export async function submit(t: TestApp, fx: PosFixture, sales: unknown[], token = fx.cashier.token) {
  const data = await t.ok(SUBMIT_OFFLINE_SALES, { input: { terminalId: fx.terminalId, sales } }, token);
  return data.submitOfflineSales as Array<Record<string, any>>;
}

/** What the database holds for the terminal's sales: numbers, and how many movements and payments each has. */
export async function writtenFor(t: TestApp, terminalId: string) {
  return t.sql<{ sale_number: string; movements: number; payments: number }>(
    `select s.sale_number,
       (select count(*)::int from stock_movements m where m.reference_id = s.id::text) as movements,
       (select count(*)::int from sale_payments p where p.sale_id = s.id) as payments
     from sales s where s.terminal_id = ? order by s.sale_number`,
    [terminalId],
  );
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** `src/main.ts` as its own process on the test's database (same JWT secret), ready to serve. */
export async function spawnServer(t: TestApp): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: path.resolve(__dirname, '../..'),
    env: {
      ...process.env,
      DATABASE_URL: t.databaseUrl,
      PORT: String(port),
      RUN_JOBS: 'false',
      REDIS_URL: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('POS GraphQL API ready')) resolve();
    });
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { child, url: `http://127.0.0.1:${port}/graphql` };
}
