import { type Bytes, isToken } from '../../bytes.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { parseInt64 } from '../../numbers.js';
import { VerbatimReply } from '../../reply.js';
import type { FakeServer } from '../../server.js';

/**
 * LOLWUT [VERSION v] [args]: Redis 7 draws art for VERSION 5 (Georg Nees's "Schotter", in
 * Braille characters) and 6; every other version prints "Redis ver. <version>\n". Schotter
 * is deterministic for up to two rows of squares; lower rows are displaced at random
 * (the server's seeded generator here, C's rand() in Redis). VERSION 6 (random skylines)
 * is not drawn: it prints the version line.
 */
export const LOLWUT: CommandHandler = (client, argv) => {
  const server = client.server;
  let args = argv;
  let major = Number.parseInt(server.profile.version, 10);
  if (argv.length >= 3 && isToken(argv[1], 'VERSION')) {
    // snprintf("%u.0.0", (unsigned) ver): the low 32 bits.
    major = Number(BigInt.asUintN(32, parseInt64(argv[2] as Bytes)));
    args = argv.slice(2);
  }
  if (major === 5) return lolwut5(server, args);
  return new VerbatimReply('txt', `Redis ver. ${server.profile.version}\n` as Bytes);
};

function longArg(argv: Bytes[], index: number, fallback: number, min: number, max: number): number {
  if (argv.length <= index) return fallback;
  const n = parseInt64(argv[index] as Bytes);
  return Number(n < BigInt(min) ? BigInt(min) : n > BigInt(max) ? BigInt(max) : n);
}

/** LOLWUT VERSION 5 [cols] [squares-per-row] [squares-per-col] (lolwut5.c). */
function lolwut5(server: FakeServer, argv: Bytes[]): VerbatimReply {
  // Parsed in order, each error before the next argument is read; then clamped.
  const cols = longArg(argv, 1, 66, 1, 1000);
  const perRow = longArg(argv, 2, 8, 1, 200);
  const perCol = longArg(argv, 3, 12, 1, 200);
  const canvas = drawSchotter(server, cols, perRow, perCol);
  const text = `${canvas.render()}\nGeorg Nees - schotter, plotter on paper, 1968. Redis ver. ${server.profile.version}\n`;
  return new VerbatimReply('txt', text as Bytes);
}

const f = Math.fround;

class Canvas {
  readonly pixels: Uint8Array;
  constructor(readonly width: number, readonly height: number) {
    this.pixels = new Uint8Array(width * height);
  }
  set(x: number, y: number): void {
    if (x < 0 || x >= this.width || y < 0 || y >= this.height) return;
    this.pixels[x + y * this.width] = 1;
  }
  get(x: number, y: number): number {
    if (x < 0 || x >= this.width || y < 0 || y >= this.height) return 0;
    return this.pixels[x + y * this.width] as number;
  }
  line(x1: number, y1: number, x2: number, y2: number): void {
    const dx = Math.abs(x2 - x1);
    const dy = Math.abs(y2 - y1);
    const sx = x1 < x2 ? 1 : -1;
    const sy = y1 < y2 ? 1 : -1;
    let err = dx - dy;
    for (;;) {
      this.set(x1, y1);
      if (x1 === x2 && y1 === y2) break;
      const e2 = err * 2;
      if (e2 > -dy) { err -= dy; x1 += sx; }
      if (e2 < dx) { err += dx; y1 += sy; }
    }
  }
  /** lwDrawSquare: a square of side `size` centred on x, y, rotated by `angle` (C floats). */
  square(x: number, y: number, size: number, angle: number): void {
    let s = f(size / 1.4142135623);
    s = f(Math.round(s));
    const px: number[] = [];
    const py: number[] = [];
    let k = f(Math.PI / 4 + angle);
    for (let j = 0; j < 4; j++) {
      px.push(cRound(Math.sin(k) * s + x));
      py.push(cRound(Math.cos(k) * s + y));
      k = f(k + Math.PI / 2);
    }
    for (let j = 0; j < 4; j++) this.line(px[j] as number, py[j] as number, px[(j + 1) % 4] as number, py[(j + 1) % 4] as number);
  }
  /** Braille characters (2x4 pixels each), UTF-8 encoded, rows separated by newlines. */
  render(): string {
    let text = '';
    for (let y = 0; y < this.height; y += 4) {
      for (let x = 0; x < this.width; x += 2) {
        let byte = 0;
        if (this.get(x, y)) byte |= 1 << 0;
        if (this.get(x, y + 1)) byte |= 1 << 1;
        if (this.get(x, y + 2)) byte |= 1 << 2;
        if (this.get(x + 1, y)) byte |= 1 << 3;
        if (this.get(x + 1, y + 1)) byte |= 1 << 4;
        if (this.get(x + 1, y + 2)) byte |= 1 << 5;
        if (this.get(x, y + 3)) byte |= 1 << 6;
        if (this.get(x + 1, y + 3)) byte |= 1 << 7;
        const code = 0x2800 + byte;
        text += String.fromCharCode(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
      }
      if (y !== this.height - 1) text += '\n';
    }
    return text;
  }
}

/** C's round(): halves away from zero. */
function cRound(v: number): number {
  return v < 0 ? -Math.round(-v) : Math.round(v);
}

function drawSchotter(server: FakeServer, consoleCols: number, perRow: number, perCol: number): Canvas {
  const width = consoleCols * 2;
  const padding = width > 4 ? 2 : 0;
  const side = f((width - padding * 2) / perRow);
  const height = Math.trunc(f(side * perCol + padding * 2));
  const canvas = new Canvas(width, height);
  const rand = () => f(f(server.random.next()) / perCol * 1);
  for (let y = 0; y < perCol; y++) {
    for (let x = 0; x < perRow; x++) {
      let sx = Math.trunc(f(f(x * side) + f(side / 2) + padding));
      let sy = Math.trunc(f(f(y * side) + f(side / 2) + padding));
      let angle = 0;
      if (y > 1) {
        let r1 = f(rand() * y);
        let r2 = f(rand() * y);
        let r3 = f(rand() * y);
        if (server.random.next() < 0.5) r1 = -r1;
        if (server.random.next() < 0.5) r2 = -r2;
        if (server.random.next() < 0.5) r3 = -r3;
        angle = r1;
        sx = Math.trunc(sx + f(f(r2 * side) / 3));
        sy = Math.trunc(sy + f(f(r3 * side) / 3));
      }
      canvas.square(sx, sy, side, angle);
    }
  }
  return canvas;
}
