import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { Logger } from '../logger';
import type { AgentOptions } from './args';
import { commandBytes, DeliveredCommand, describeCommand } from './execute';
import type { Printer } from './printer';

const SUBSCRIPTION = /* GraphQL */ `
  subscription AgentCommands($terminalId: ID!) {
    hardwareCommands(terminalId: $terminalId) {
      id
      kind
      payload
      createdAt
    }
  }
`;

const ACKNOWLEDGE = /* GraphQL */ `
  mutation AgentAcknowledge($input: AcknowledgeHardwareCommandInput!) {
    acknowledgeHardwareCommand(input: $input) {
      id
      status
    }
  }
`;

/** Reconnect / resubscribe / re-ack waits: 0.5 s doubling up to 30 s, with jitter so a store's agents spread out. */
export function backoffMs(attempt: number): number {
  const base = Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Printer hiccups (paper door open, printer rebooting) get this many tries before the command is FAILED. */
const PRINTER_TRIES = 3;

type Outcome = { status: 'DONE' } | { status: 'FAILED'; error: string };

/**
 * The agent's loop: one graphql-ws subscription to `hardwareCommands` of its
 * terminal (the server sends every PENDING command first, then new ones),
 * commands run one at a time in arrival order, each acknowledged over HTTP
 * right after the printer accepted its bytes.
 */
export class HardwareAgent {
  private readonly client: Client;
  /** Commands run in this process, with their outcome: a redelivered id is acknowledged again, never rerun. */
  private readonly outcomes = new Map<string, Outcome>();
  private queue: Promise<void> = Promise.resolve();
  private loop?: Promise<void>;
  private stopped = false;
  private readonly wakers = new Set<() => void>();

  constructor(
    private readonly options: AgentOptions,
    private readonly printer: Printer,
    private readonly log: Logger,
  ) {
    this.client = createClient({
      url: options.serverUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${options.token}` },
      lazy: true,
      keepAlive: 10_000,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      retryWait: (retries) => this.sleep(backoffMs(retries)),
      on: {
        connected: () => this.log.info({ server: options.serverUrl }, 'connected to the server'),
        closed: (event) => {
          if (!this.stopped)
            this.log.warn({ code: (event as { code?: number })?.code }, 'connection closed; reconnecting');
        },
      },
    });
  }

  start(): void {
    this.log.info({ terminalId: this.options.terminalId, printer: this.options.printerUrl }, 'hardware agent starting');
    this.loop ??= this.run();
  }

  /** Stops taking commands, lets the one in hand finish, closes the connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const wake of this.wakers) wake();
    await this.client.dispose();
    await this.loop;
    await this.queue;
    this.log.info('hardware agent stopped');
  }

  private async run(): Promise<void> {
    for (let failures = 0; !this.stopped; failures++) {
      try {
        const commands = this.client.iterate<{ hardwareCommands: DeliveredCommand }>({
          query: SUBSCRIPTION,
          variables: { terminalId: this.options.terminalId },
        });
        for await (const result of commands) {
          if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('; '));
          failures = 0;
          const command = result.data!.hardwareCommands;
          this.queue = this.queue.then(() => this.handle(command));
        }
      } catch (error) {
        if (this.stopped) break;
        this.log.error({ err: error }, 'hardware command subscription failed');
      }
      if (this.stopped) break;
      const wait = backoffMs(failures);
      this.log.warn({ waitMs: wait }, 'subscribing again');
      await this.sleep(wait);
    }
  }

  private async handle(command: DeliveredCommand): Promise<void> {
    const about = describeCommand(command);
    const known = this.outcomes.get(command.id);
    if (known) {
      this.log.info({ ...about, status: known.status }, 'command already run by this agent; acknowledging again');
      return this.acknowledge(command.id, known);
    }
    this.log.info(about, 'command received');
    let outcome: Outcome;
    try {
      const bytes = commandBytes(command, this.options.width);
      await this.writeWithRetries(bytes, about);
      outcome = { status: 'DONE' };
      this.log.info(
        { ...about, bytes: bytes.length },
        command.kind === 'OPEN_DRAWER' ? 'drawer kick sent' : 'receipt printed',
      );
    } catch (error) {
      outcome = { status: 'FAILED', error: (error as Error).message };
      this.log.error({ ...about, err: error }, 'command failed');
    }
    this.outcomes.set(command.id, outcome);
    await this.acknowledge(command.id, outcome);
  }

  private async writeWithRetries(bytes: Uint8Array, about: Record<string, unknown>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.printer.write(bytes);
        return;
      } catch (error) {
        if (attempt >= PRINTER_TRIES || this.stopped) throw error;
        const wait = 1000 * attempt;
        this.log.warn({ ...about, err: error, attempt, waitMs: wait }, 'printer write failed; trying again');
        await this.sleep(wait);
      }
    }
  }

  /** Tells the server, retrying while it is unreachable; an answer that says no (NOT_FOUND, CONFLICT) is final. */
  private async acknowledge(id: string, outcome: Outcome): Promise<void> {
    const input = {
      id,
      status: outcome.status,
      error: outcome.status === 'FAILED' ? outcome.error.slice(0, 2000) : null,
    };
    for (let attempt = 0; !this.stopped || attempt === 0; attempt++) {
      try {
        const res = await fetch(this.options.serverUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.token}` },
          body: JSON.stringify({ query: ACKNOWLEDGE, variables: { input } }),
          signal: AbortSignal.timeout(10_000),
        });
        const body = (await res.json()) as { errors?: Array<{ message: string; extensions?: { code?: string } }> };
        const error = body.errors?.[0];
        if (!error) {
          this.log.info({ commandId: id, status: outcome.status }, 'command acknowledged');
          return;
        }
        const code = error.extensions?.code;
        if (code !== 'INTERNAL_SERVER_ERROR' && code !== 'UNAUTHENTICATED') {
          this.log.error({ commandId: id, code, message: error.message }, 'server refused the acknowledgement');
          return;
        }
        throw new Error(`${code}: ${error.message}`);
      } catch (error) {
        const wait = backoffMs(attempt);
        this.log.warn({ commandId: id, err: error, waitMs: wait }, 'acknowledgement not delivered; retrying');
        await this.sleep(wait);
      }
    }
  }

  /** A wait that `stop()` cuts short. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }
}
