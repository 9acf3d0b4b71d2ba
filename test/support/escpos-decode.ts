import type CodepageEncoder from '@point-of-sale/codepage-encoder' with { 'resolution-mode': 'import' };
import type { Codepage } from '@point-of-sale/codepage-encoder' with { 'resolution-mode': 'import' };

// The receipt encoder's own dependency: the byte -> Unicode tables of the printer code pages.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS build of an ESM-typed package
const Codepages: typeof CodepageEncoder = require('@point-of-sale/codepage-encoder');

/** ESC t n on Epson-compatible printers (ESC/POS Application Programming Guide, "ESC t"). */
const EPSON_CODE_PAGES: Record<number, Codepage> = {
  0: 'cp437',
  2: 'cp850',
  3: 'cp860',
  4: 'cp863',
  5: 'cp865',
  11: 'cp851',
  12: 'cp853',
  13: 'cp857',
  14: 'cp737',
  15: 'iso8859-7',
  16: 'windows1252',
  17: 'cp866',
  18: 'cp852',
  19: 'cp858',
};

export interface DecodedEscPos {
  /** What the printer prints: printable characters, "\n" for each line feed. */
  text: string;
  hasCut: boolean;
  hasDrawerKick: boolean;
  /** Each stretch of text printed in bold (a line break ends a stretch). */
  boldRuns: string[];
  /** Each barcode printed (GS k), in order: its symbology and data (CODE128's code-set prefix removed). */
  barcodes: Array<{ symbology: string; data: string }>;
}

/** GS k m: the symbologies receipts may print (function A, NUL-terminated, and function B, length-prefixed). */
const SYMBOLOGIES: Record<number, string> = { 4: 'CODE39', 69: 'CODE39', 73: 'CODE128' };

/**
 * Reads ESC/POS as a printer would, for the commands receipts use. Any
 * other command or control byte throws, so a test never passes on bytes
 * it did not understand.
 */
export function decodeEscPos(bytes: Uint8Array): DecodedEscPos {
  let text = '';
  let hasCut = false;
  let hasDrawerKick = false;
  const boldRuns: string[] = [];
  const barcodes: DecodedEscPos['barcodes'] = [];
  let bold = false;
  let run = '';
  let codepage: number[] = Codepages.getEncoding('cp437').codepoints;

  const endRun = () => {
    if (run) boldRuns.push(run);
    run = '';
  };
  const setBold = (on: boolean) => {
    if (!on) endRun();
    bold = on;
  };
  const arg = (i: number, name: string): number => {
    if (i >= bytes.length) throw new Error(`${name} at offset ${i} is cut short`);
    return bytes[i];
  };

  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b === 0x0a) {
      endRun();
      text += '\n';
      i += 1;
    } else if (b === 0x0d) {
      i += 1; // carriage return: the printer is already at the line start after LF
    } else if (b === 0x1b) {
      const cmd = arg(i + 1, 'ESC');
      if (cmd === 0x40) {
        setBold(false); // ESC @ initialize
        codepage = Codepages.getEncoding('cp437').codepoints;
        i += 2;
      } else if (cmd === 0x45) {
        setBold((arg(i + 2, 'ESC E') & 1) === 1);
        i += 3;
      } else if (cmd === 0x74) {
        const n = arg(i + 2, 'ESC t');
        const name = EPSON_CODE_PAGES[n];
        if (!name) throw new Error(`ESC t ${n} at offset ${i}: code page not known to the decoder`);
        codepage = Codepages.getEncoding(name).codepoints;
        i += 3;
      } else if (cmd === 0x4d || cmd === 0x2d || cmd === 0x61 || cmd === 0x33 || cmd === 0x47) {
        arg(i + 2, 'ESC'); // ESC M font, ESC - underline, ESC a align, ESC 3 spacing, ESC G double-strike
        i += 3;
      } else if (cmd === 0x32) {
        i += 2; // ESC 2 default line spacing
      } else if (cmd === 0x64) {
        text += '\n'.repeat(arg(i + 2, 'ESC d')); // print and feed n lines
        endRun();
        i += 3;
      } else if (cmd === 0x70) {
        arg(i + 4, 'ESC p'); // ESC p m t1 t2: drawer kick pulse
        hasDrawerKick = true;
        i += 5;
      } else {
        throw new Error(`unknown command ESC 0x${cmd.toString(16)} at offset ${i}`);
      }
    } else if (b === 0x1c) {
      const cmd = arg(i + 1, 'FS');
      if (cmd !== 0x2e) throw new Error(`unknown command FS 0x${cmd.toString(16)} at offset ${i}`);
      i += 2; // FS . cancel Kanji mode
    } else if (b === 0x1d) {
      const cmd = arg(i + 1, 'GS');
      if (cmd === 0x56) {
        const m = arg(i + 2, 'GS V');
        hasCut = true;
        i += m >= 0x41 ? 4 : 3; // GS V 65/66 n feed-and-cut carry n
      } else if (cmd === 0x21 || cmd === 0x42 || cmd === 0x68 || cmd === 0x77 || cmd === 0x48) {
        arg(i + 2, 'GS'); // GS ! size, GS B reverse, GS h / GS w / GS H barcode height, module width, HRI position
        i += 3;
      } else if (cmd === 0x6b) {
        const m = arg(i + 2, 'GS k');
        const symbology = SYMBOLOGIES[m];
        if (!symbology) throw new Error(`GS k ${m} at offset ${i}: symbology not known to the decoder`);
        let start = i + 3;
        let end: number;
        if (m < 65) {
          end = bytes.indexOf(0, start);
          if (end < 0) throw new Error(`GS k at offset ${i} is not NUL-terminated`);
          i = end + 1;
        } else {
          start = i + 4;
          end = start + arg(i + 3, 'GS k');
          arg(end - 1, 'GS k data');
          i = end;
        }
        const data = Buffer.from(bytes.subarray(start, end)).toString('latin1');
        barcodes.push({ symbology, data: symbology === 'CODE128' ? data.replace(/^\{[ABC]/, '') : data });
      } else {
        throw new Error(`unknown command GS 0x${cmd.toString(16)} at offset ${i}`);
      }
    } else if (b >= 0x20) {
      const ch = String.fromCodePoint(b < 0x80 ? b : codepage[b]);
      text += ch;
      if (bold) run += ch;
      i += 1;
    } else {
      throw new Error(`unexpected control byte 0x${b.toString(16)} at offset ${i}`);
    }
  }
  endRun();
  return { text, hasCut, hasDrawerKick, boldRuns, barcodes };
}
