import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { splitInlineArgs } from '../resp/parser.js';

/**
 * Redis 7.0's multi-part AOF manifest (aof.c): the BASE file (an RDB, or commands
 * without aof-use-rdb-preamble), the INCR files written since, and HISTORY files a
 * rewrite left for deletion. One line a file: `file <name> seq <n> type <b|h|i>`.
 */

export type AofFileType = 'b' | 'h' | 'i';

export interface AofInfo {
  name: string;
  seq: number;
  type: AofFileType;
}

export class AofManifest {
  base: AofInfo | undefined;
  history: AofInfo[] = [];
  incr: AofInfo[] = [];
  currBaseSeq = 0;
  currIncrSeq = 0;

  clone(): AofManifest {
    const m = new AofManifest();
    m.base = this.base === undefined ? undefined : { ...this.base };
    m.history = this.history.map((i) => ({ ...i }));
    m.incr = this.incr.map((i) => ({ ...i }));
    m.currBaseSeq = this.currBaseSeq;
    m.currIncrSeq = this.currIncrSeq;
    return m;
  }

  /** getAofManifestAsString: the base, then history, then incr files. */
  format(): string {
    let out = '';
    for (const info of [...(this.base === undefined ? [] : [this.base]), ...this.history, ...this.incr]) {
      out += `file ${quoteIfNeeded(info.name)} seq ${info.seq} type ${info.type}\n`;
    }
    return out;
  }

  /** getNewBaseFileNameAndMarkPreAsHistory. */
  newBase(filename: string, rdbPreamble: boolean): string {
    if (this.base !== undefined) {
      this.base.type = 'h';
      this.history.unshift(this.base);
    }
    const seq = ++this.currBaseSeq;
    this.base = { name: `${filename}.${seq}.base${rdbPreamble ? '.rdb' : '.aof'}`, seq, type: 'b' };
    return this.base.name;
  }

  /** getNewIncrAofName. */
  newIncr(filename: string): string {
    const seq = ++this.currIncrSeq;
    const name = `${filename}.${seq}.incr.aof`;
    this.incr.push({ name, seq, type: 'i' });
    return name;
  }

  /** getLastIncrAofName: the last incr file, a new one when there is none. */
  lastIncr(filename: string): string {
    const last = this.incr[this.incr.length - 1];
    return last === undefined ? this.newIncr(filename) : last.name;
  }

  /** markRewrittenIncrAofAsHistory: every incr file but the one being written (when AOF is on) becomes history. */
  markRewrittenIncrAsHistory(keepLast: boolean): void {
    const kept = keepLast ? this.incr.slice(-1) : [];
    const rewritten = keepLast ? this.incr.slice(0, -1) : this.incr;
    for (const info of rewritten.reverse()) this.history.unshift({ ...info, type: 'h' });
    this.incr = kept;
  }

  get empty(): boolean {
    return this.base === undefined && this.incr.length === 0;
  }
}

/** sdsneedsrepr: a name with blanks, quotes or unprintable bytes is written as sdscatrepr writes it. */
function quoteIfNeeded(name: string): string {
  if (!/[\s"'\\]|[^\x21-\x7e]/.test(name) && name !== '') return name;
  let out = '"';
  for (const ch of name) {
    const c = ch.charCodeAt(0);
    if (ch === '\\' || ch === '"') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (c >= 0x20 && c <= 0x7e) out += ch;
    else out += `\\x${c.toString(16).padStart(2, '0')}`;
  }
  return `${out}"`;
}

/** Why a manifest cannot be read: the lines Redis logs before it exits. */
export class AofManifestError extends Error {}

/**
 * aofLoadManifestFromFile: strict, as Redis is (it exits on any fault). Comment lines are
 * skipped; each line needs `file`, `seq` and `type`; one base at most; incr sequence
 * numbers increase.
 */
export function parseManifest(text: string): AofManifest {
  const m = new AofManifest();
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new AofManifestError('Found an empty AOF manifest');
  let maxSeq = 0;
  lines.forEach((raw, index) => {
    if (raw.startsWith('#')) return;
    const fail = (reason: string): never => {
      throw new AofManifestError(`Reading the manifest file, at line ${index + 1}\n>>> '${line}'\n${reason}`);
    };
    const line = raw.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
    if (index === lines.length - 1 && !text.endsWith('\n')) fail('The AOF manifest file contains too long line');
    if (line === '') fail('Invalid AOF manifest file format');
    const argv = splitInlineArgs(line);
    if (argv === undefined || argv.length < 6 || argv.length % 2 !== 0) fail('Invalid AOF manifest file format');
    const info: Partial<AofInfo> = {};
    const args = argv as string[];
    for (let i = 0; i < args.length; i += 2) {
      const key = (args[i] as string).toLowerCase();
      const value = args[i + 1] as string;
      if (key === 'file') {
        info.name = value;
        if (value.includes('/')) fail("File can't be a path, just a filename");
      } else if (key === 'seq') info.seq = atoll(value);
      else if (key === 'type') info.type = value[0] as AofFileType;
    }
    if (!info.name || !info.seq || !info.type) fail('Invalid AOF manifest file format');
    const entry = info as AofInfo;
    if (entry.type === 'b') {
      if (m.base !== undefined) fail('Found duplicate base file information');
      m.base = entry;
      m.currBaseSeq = entry.seq;
    } else if (entry.type === 'h') {
      m.history.push(entry);
    } else if (entry.type === 'i') {
      if (entry.seq <= maxSeq) fail('Found a non-monotonic sequence number');
      m.incr.push(entry);
      m.currIncrSeq = entry.seq;
      maxSeq = entry.seq;
    } else {
      fail('Unknown AOF file type');
    }
  });
  return m;
}

/** C's atoll: leading blanks, a sign, digits; 0 when none. */
function atoll(text: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(text);
  return m === null ? 0 : Number(m[1]);
}

/** aofLoadManifestFromDisk: an empty manifest when the directory or the file is missing. */
export function loadManifestFromDisk(dir: string, filename: string): AofManifest {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return new AofManifest();
  const path = join(dir, `${filename}.manifest`);
  if (!existsSync(path)) return new AofManifest();
  return parseManifest(readFileSync(path, 'latin1'));
}
