import { appendFile } from 'node:fs/promises';
import net from 'node:net';

/** Somewhere ESC/POS bytes go: a network printer or a device file. */
export interface Printer {
  /** Resolves once the bytes are handed over (socket closed cleanly, file appended); rejects otherwise. */
  write(bytes: Uint8Array): Promise<void>;
}

export interface PrinterOptions {
  /** Connect + send + close must finish within this, else the write fails (ms). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const RAW_PORT = 9100;

/**
 * A printer from its URL: `tcp://HOST[:PORT]` (raw "JetDirect" socket,
 * port 9100 by default) or `file:PATH` (appends to a device such as
 * /dev/usb/lp0, or to a plain file for testing).
 */
export function printerFromUrl(url: string, options: PrinterOptions = {}): Printer {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`printer URL "${url}" is not a URL (expected tcp://HOST:9100 or file:PATH)`);
  }
  if (parsed.protocol === 'tcp:') {
    if (!parsed.hostname) throw new Error(`printer URL "${url}" has no host`);
    const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
    return new TcpPrinter(host, parsed.port ? Number(parsed.port) : RAW_PORT, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }
  if (parsed.protocol === 'file:') {
    // "file:/dev/usb/lp0" and "file:///dev/usb/lp0" are absolute; "file:out.bin" keeps its relative path.
    const path =
      url.startsWith('file://') || url.startsWith('file:/')
        ? decodeURIComponent(parsed.pathname)
        : url.slice('file:'.length);
    return new FilePrinter(path);
  }
  throw new Error(`printer URL "${url}": unsupported scheme ${parsed.protocol} (expected tcp: or file:)`);
}

/**
 * One connection per job: connect, send everything, half-close, and wait for
 * the printer to close its side (it has then read every byte).
 */
export class TcpPrinter implements Printer {
  constructor(
    readonly host: string,
    readonly port: number,
    private readonly timeoutMs: number,
  ) {}

  write(bytes: Uint8Array): Promise<void> {
    const where = `printer ${this.host}:${this.port}`;
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.host, port: this.port });
      let failure: Error | null = null;
      let flushed = false;
      const timer = setTimeout(() => {
        // Bytes handed to the OS but the printer never closed its side: it has them, so no reprint.
        if (!flushed) failure = new Error(`${where}: not accepted within ${this.timeoutMs} ms`);
        socket.destroy();
      }, this.timeoutMs);
      socket.on('connect', () => socket.end(bytes));
      socket.on('finish', () => (flushed = true));
      // Printers rarely answer; anything they send (status bytes) is not needed here.
      socket.on('data', () => undefined);
      socket.on('error', (err: NodeJS.ErrnoException) => {
        failure ??=
          err.code === 'ECONNREFUSED'
            ? new Error(`${where} refused the connection (is it on, and is ${this.port} its raw port?)`, { cause: err })
            : new Error(`${where}: ${err.message}`, { cause: err });
      });
      socket.on('close', () => {
        clearTimeout(timer);
        if (failure) reject(failure);
        else resolve();
      });
    });
  }
}

export class FilePrinter implements Printer {
  constructor(readonly path: string) {}

  async write(bytes: Uint8Array): Promise<void> {
    await appendFile(this.path, bytes);
  }
}
