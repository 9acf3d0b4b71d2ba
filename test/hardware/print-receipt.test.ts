import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { drawerKick, receiptToEscPos } from '../../src/hardware-agent/escpos';
import { FilePrinter, printerFromUrl, TcpPrinter } from '../../src/hardware-agent/printer';
import { renderReceiptText } from '../../src/receipt/render-text';
import { decodeEscPos } from '../support/escpos-decode';
import { FakePrinter, startFakePrinter } from '../support/fake-printer';
import { exampleOneReceipt } from '../support/receipt-sample';

/** Lines as printed: trailing spaces and the blank feed before the cut do not show on paper. */
function printedLines(text: string): string[] {
  const lines = text.split('\n').map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

describe('printing receipts over a raw TCP socket', () => {
  let printer: FakePrinter;
  beforeEach(async () => {
    printer = await startFakePrinter();
  });
  afterEach(async () => {
    await printer.close();
  });

  it('prints exactly the text rendering, totals in bold, then cuts', async () => {
    const receipt = exampleOneReceipt();
    await printerFromUrl(printer.url).write(receiptToEscPos(receipt));

    const [job] = await printer.waitForJobs(1);
    const decoded = decodeEscPos(job);
    expect(printedLines(decoded.text)).toEqual(printedLines(renderReceiptText(receipt)));
    expect(decoded.hasCut).toBe(true);
    expect(decoded.hasDrawerKick).toBe(false);
    // The sale number as a real barcode (GS k CODE128), with the same number printed as text below it.
    expect(decoded.barcodes).toEqual([{ symbology: 'CODE128', data: 'T1-000042' }]);
    expect(printedLines(decoded.text)).toContain('               *T1-000042*');
    expect(decoded.boldRuns.map((r) => r.trim())).toEqual([
      'Corner Coffee Co.',
      'TOTAL USD                            63.72',
      'CHANGE                               36.28',
    ]);
    // The cut is the last command: nothing prints after it.
    expect(decodeEscPos(job.subarray(0, job.lastIndexOf(Buffer.from([0x1d, 0x56])))).text.trimEnd()).toBe(
      decoded.text.trimEnd(),
    );
  });

  it('prints accented letters and the euro sign through the printer code pages', async () => {
    const receipt = exampleOneReceipt({
      currency: 'EUR',
      header: { tenantName: 'Café Zürich', locationName: 'Bahnhofstraße', locationCode: 'ZH1' },
      footer: 'Merci! Prix en € TTC. Déjà payé.',
    });
    await printerFromUrl(printer.url).write(receiptToEscPos(receipt));

    const decoded = decodeEscPos((await printer.waitForJobs(1))[0]);
    expect(printedLines(decoded.text)).toEqual(printedLines(renderReceiptText(receipt)));
    expect(decoded.text).toContain('Café Zürich');
    expect(decoded.text).toContain('Prix en € TTC');
  });

  it('prints the same lines at another paper width', async () => {
    const receipt = exampleOneReceipt();
    await printerFromUrl(printer.url).write(receiptToEscPos(receipt, { width: 32 }));

    const decoded = decodeEscPos((await printer.waitForJobs(1))[0]);
    const expected = printedLines(renderReceiptText(receipt, 32));
    expect(printedLines(decoded.text)).toEqual(expected);
    expect(expected).toContain('TOTAL USD                  63.72');
    expect(decoded.barcodes).toEqual([{ symbology: 'CODE128', data: 'T1-000042' }]);
  });

  it('opens the drawer with a kick pulse and prints nothing', async () => {
    await printerFromUrl(printer.url).write(drawerKick());

    const [job] = await printer.waitForJobs(1);
    expect(Array.from(job)).toEqual(Array.from(drawerKick()));
    const decoded = decodeEscPos(job);
    expect(decoded).toEqual({ text: '', hasCut: false, hasDrawerKick: true, boldRuns: [], barcodes: [] });
  });

  it('sends each job on its own connection', async () => {
    const target = printerFromUrl(printer.url);
    await target.write(receiptToEscPos(exampleOneReceipt()));
    await target.write(drawerKick());

    const jobs = await printer.waitForJobs(2);
    expect(jobs.map((j) => decodeEscPos(j).hasCut)).toEqual([true, false]);
    expect(jobs.map((j) => decodeEscPos(j).hasDrawerKick)).toEqual([false, true]);
  });
});

describe('printer transports', () => {
  it('fails clearly when nothing listens on the printer port', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    await expect(printerFromUrl(`tcp://127.0.0.1:${port}`).write(drawerKick())).rejects.toThrow(
      `printer 127.0.0.1:${port} refused the connection`,
    );
  });

  it('counts bytes as delivered when a printer keeps its side open past the timeout', async () => {
    const received: Buffer[] = [];
    const sockets: net.Socket[] = [];
    const silent = net.createServer({ allowHalfOpen: true }, (socket) => {
      sockets.push(socket);
      socket.on('data', (c) => received.push(c));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      await new TcpPrinter('127.0.0.1', port, 300).write(drawerKick());
      expect(Buffer.concat(received)).toEqual(Buffer.from(drawerKick()));
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('appends to a device file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'printer-'));
    try {
      const file = path.join(dir, 'lp0');
      await writeFile(file, Buffer.from('earlier'));
      const target = printerFromUrl(`file:${file}`);
      expect(target).toBeInstanceOf(FilePrinter);
      await target.write(receiptToEscPos(exampleOneReceipt()));
      await target.write(drawerKick());

      const content = await readFile(file);
      expect(content).toEqual(
        Buffer.concat([Buffer.from('earlier'), receiptToEscPos(exampleOneReceipt()), drawerKick()]),
      );
      expect(decodeEscPos(content.subarray('earlier'.length)).hasDrawerKick).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads printer URLs', () => {
    expect(printerFromUrl('tcp://10.0.0.7')).toMatchObject({ host: '10.0.0.7', port: 9100 });
    expect(printerFromUrl('tcp://[::1]:9101')).toMatchObject({ host: '::1', port: 9101 });
    expect(printerFromUrl('file:///dev/usb/lp0')).toMatchObject({ path: '/dev/usb/lp0' });
    expect(printerFromUrl('file:out/receipts.bin')).toMatchObject({ path: 'out/receipts.bin' });
    expect(() => printerFromUrl('lpd://printer/queue')).toThrow('unsupported scheme lpd:');
    expect(() => printerFromUrl('printer-1')).toThrow('is not a URL');
  });
});
