import { decodeEscPos } from '../support/escpos-decode';

const ESC = 0x1b;
const GS = 0x1d;
const bytes = (...parts: Array<number | string>) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? Array.from(Buffer.from(p, 'latin1')) : [p])));

// The decoder is what the printing tests trust, so it is checked on hand-written commands.
describe('decodeEscPos', () => {
  it('reads text, bold, code pages, feed-and-cut and the drawer pulse', () => {
    const decoded = decodeEscPos(
      bytes(
        ESC,
        0x40,
        ESC,
        0x45,
        1,
        'AB',
        ESC,
        0x45,
        0,
        'c',
        0x0a,
        0x0d,
        ESC,
        0x74,
        16,
        0x80,
        0x0a,
        GS,
        0x56,
        66,
        3,
        ESC,
        0x70,
        0,
        25,
        250,
      ),
    );
    expect(decoded).toEqual({
      text: 'ABc\n€\n',
      hasCut: true,
      hasDrawerKick: true,
      boldRuns: ['AB'],
      barcodes: [],
    });
  });

  it('ends a bold run at a line feed and resets bold on ESC @', () => {
    const decoded = decodeEscPos(bytes(ESC, 0x45, 1, 'x', 0x0a, 'y', ESC, 0x40, 'z'));
    expect(decoded.boldRuns).toEqual(['x', 'y']);
    expect(decoded.hasCut).toBe(false);
  });

  it('reads CODE128 (length-prefixed, code set removed) and CODE39 (NUL-terminated) barcodes with their settings', () => {
    const decoded = decodeEscPos(
      bytes(GS, 0x68, 60, GS, 0x77, 2, GS, 0x48, 0, GS, 0x6b, 73, 6, '{BT1-9', 0x0a, GS, 0x6b, 4, 'AB-1', 0, 'x'),
    );
    expect(decoded.barcodes).toEqual([
      { symbology: 'CODE128', data: 'T1-9' },
      { symbology: 'CODE39', data: 'AB-1' },
    ]);
    expect(decoded.text).toBe('\nx');
  });

  it('refuses bytes it does not understand', () => {
    expect(() => decodeEscPos(bytes(ESC, 0x99))).toThrow('unknown command ESC 0x99 at offset 0');
    expect(() => decodeEscPos(bytes('a', 0x07))).toThrow('unexpected control byte 0x7 at offset 1');
    expect(() => decodeEscPos(bytes(ESC, 0x45))).toThrow('ESC E at offset 2 is cut short');
    expect(() => decodeEscPos(bytes(ESC, 0x74, 99))).toThrow('ESC t 99');
    expect(() => decodeEscPos(bytes(GS, 0x6b, 2, '123', 0))).toThrow('GS k 2 at offset 0');
    expect(() => decodeEscPos(bytes(GS, 0x6b, 73, 9, '{B'))).toThrow('GS k data');
  });
});
