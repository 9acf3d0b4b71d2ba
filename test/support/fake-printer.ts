import net from 'node:net';

/**
 * A real raw-port (9100-style) printer stand-in on loopback: it accepts
 * connections and keeps every byte each one sent, in connection order.
 */
export interface FakePrinter {
  port: number;
  url: string;
  /** One entry per connection that has closed, with all its bytes. */
  jobs: Buffer[];
  /** Resolves once `count` connections have closed. */
  waitForJobs(count: number): Promise<Buffer[]>;
  close(): Promise<void>;
}

export async function startFakePrinter(): Promise<FakePrinter> {
  const jobs: Buffer[] = [];
  const waiters: Array<() => void> = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => socket.end());
    socket.on('close', () => {
      sockets.delete(socket);
      jobs.push(Buffer.concat(chunks));
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    url: `tcp://127.0.0.1:${port}`,
    jobs,
    async waitForJobs(count) {
      while (jobs.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
      return jobs.slice(0, count);
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
