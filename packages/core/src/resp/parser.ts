import type { Bytes } from '../bytes.js';

/** Redis's limits on request framing (networking.c). */
export const PROTO_INLINE_MAX_SIZE = 64 * 1024;
export const PROTO_MAX_MULTIBULK = 2 ** 31 - 1;
export const PROTO_UNAUTH_MAX_MULTIBULK = 10;
export const PROTO_UNAUTH_MAX_BULK = 16384;
/** A bulk at least this long is read on its own (PROTO_MBULK_BIG_ARG). */
export const PROTO_MBULK_BIG_ARG = 32 * 1024;
/**
 * The longest bulk a JS string can hold (V8's limit, just under 512 MB). Redis accepts up
 * to proto-max-bulk-len (512 MB by default); longer bulks here answer "invalid bulk length".
 */
export const MAX_BULK_IN_MEMORY = 2 ** 29 - 24 - 2;

export class ProtocolError extends Error {
  /** "Query buffer during protocol error: ..." of Redis's log line, set by the parser. */
  sample = '';

  /** `detail` is the reply's text, `logText` what Redis's log line names (setProtocolError). */
  constructor(
    readonly detail: string,
    readonly logText: string = detail,
  ) {
    super(`Protocol error: ${detail}`);
  }
}

/** PROTO_DUMP_LEN: how much of the input a protocol error's log line quotes. */
const PROTO_DUMP_LEN = 128;

/** setProtocolError's sample of the input, with non-printable bytes as dots (C string: ends at NUL). */
function protocolErrorSample(input: string): string {
  const printable = (text: string) => text.replace(/[^\x20-\x7e]/g, '.');
  if (input.length < PROTO_DUMP_LEN) {
    const nul = input.indexOf('\0');
    return `Query buffer during protocol error: '${printable(nul < 0 ? input : input.slice(0, nul))}'`;
  }
  const half = PROTO_DUMP_LEN / 2;
  const text = `Query buffer during protocol error: '${input.slice(0, half)}' (... more ${input.length - PROTO_DUMP_LEN} bytes ...) '${input.slice(-half)}'`;
  // snprintf into a 256-byte buffer, then non-printables (and everything after a NUL) as Redis prints them.
  const clipped = text.slice(0, 255);
  const nul = clipped.indexOf('\0');
  return printable(nul < 0 ? clipped : clipped.slice(0, nul));
}

export interface ParserLimits {
  /** proto-max-bulk-len */
  maxBulkLength: number;
  /** Unauthenticated clients get the tighter limits Redis gives them. */
  authenticated: boolean;
}

/**
 * Incremental, binary-safe request parser: multibulk (`*N\r\n$len\r\n...`) and inline
 * commands (split as redis-cli input is, quotes and escapes honoured), framed exactly as
 * Redis frames them. Like Redis's query buffer, input is held until the client is ready
 * for its next command: `next()` returns one command at a time, with the limits of that
 * moment (a command after AUTH is no longer unauthenticated).
 */
export class RequestParser {
  /** The framing error that stopped parsing; the connection must close after it. */
  error: ProtocolError | undefined;

  private buffer = '';
  private pos = 0;
  /** Chunks not yet merged into `buffer`, so a large bulk is joined once, not per chunk. */
  private held: string[] = [];
  private heldLength = 0;
  /** Bytes the current incomplete request needs beyond `buffer` before parsing resumes. */
  private needed = 0;
  /** Where the line being parsed starts (a protocol error's log quotes the input from there). */
  private mark = 0;

  // State of a multibulk request in progress.
  private argc = -1;
  private argv: Bytes[] = [];
  private bulkLength = -1;

  /**
   * A bulk of at least PROTO_MBULK_BIG_ARG bytes was taken while nothing followed it in
   * the input: Redis then makes the query buffer itself the argument and allocates a new
   * one of the bulk's size. Its length, read once by takeBigArgument().
   */
  private bigArgument = 0;

  /** Appends a chunk of input. */
  feed(chunk: Buffer | string): void {
    if (this.error) return;
    const text = typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    if (text.length === 0) return;
    this.held.push(text);
    this.heldLength += text.length;
  }

  /** True when input is held that has not been parsed yet. */
  get hasInput(): boolean {
    return this.pos < this.buffer.length || this.heldLength > 0;
  }

  /**
   * Bytes of input not yet taken into a command or argument: what Redis's query buffer
   * holds once it is trimmed (the arguments of a request in progress are out of it).
   */
  get unparsedBytes(): number {
    return this.buffer.length - this.pos + this.heldLength;
  }

  /** The first `count` bytes of the input not parsed yet (a log line's sample). */
  peek(count: number): string {
    let text = this.buffer.slice(this.pos, this.pos + count);
    for (let i = 0; text.length < count && i < this.held.length; i++) text += (this.held[i] as string).slice(0, count - text.length);
    return text;
  }

  /** The arguments read so far of a multibulk request in progress (Redis keeps them in argv). */
  get partialArgs(): readonly Bytes[] {
    return this.argc >= 0 ? this.argv : [];
  }

  /** The argument count of a multibulk request in progress (its argv array's size), else 0. */
  get expectedArgs(): number {
    return this.argc >= 0 ? this.argc : 0;
  }

  /**
   * The length of a bulk whose header is read but whose bytes are not all here, when it
   * is a big argument (readQueryFromClient then reads exactly up to its end); otherwise -1.
   */
  get pendingBigBulk(): number {
    return this.argc >= 0 && this.bulkLength >= PROTO_MBULK_BIG_ARG ? this.bulkLength : -1;
  }

  /** The length of a big argument taken with nothing after it since the last call, or 0. */
  takeBigArgument(): number {
    const length = this.bigArgument;
    this.bigArgument = 0;
    return length;
  }

  /**
   * The next complete command, or undefined when more input is needed or a framing error
   * occurred (then `error` is set and later input is ignored).
   */
  next(limits: ParserLimits): Bytes[] | undefined {
    if (this.error) return undefined;
    try {
      for (;;) {
        const command = this.pos < this.buffer.length || this.argc >= 0 ? this.parse(limits) : undefined;
        if (command !== undefined) {
          if (command.length > 0) return command;
          continue;
        }
        if (this.heldLength === 0 || this.heldLength < this.needed) return undefined;
        this.buffer = (this.pos < this.buffer.length ? this.buffer.slice(this.pos) : '') + this.held.join('');
        this.pos = 0;
        this.held = [];
        this.heldLength = 0;
        this.needed = 0;
      }
    } catch (e) {
      if (!(e instanceof ProtocolError)) throw e;
      e.sample = protocolErrorSample(this.buffer.slice(this.mark) + this.held.join(''));
      this.error = e;
      this.buffer = '';
      this.pos = 0;
      this.held = [];
      this.heldLength = 0;
      return undefined;
    }
  }

  /** The last command returned came as an inline line (Valkey's COMMANDLOG sizes it so). */
  lastInline = false;

  private parse(limits: ParserLimits): Bytes[] | undefined {
    this.mark = this.pos;
    const multibulk = this.argc >= 0 || this.buffer[this.pos] === '*';
    const command = multibulk ? this.parseMultibulk(limits) : this.parseInline();
    if (command !== undefined) this.lastInline = !multibulk;
    return command;
  }

  private parseInline(): Bytes[] | undefined {
    const buffer = this.buffer;
    const newline = this.lineEnd('\n');
    if (newline < 0) {
      if (buffer.length - this.pos > PROTO_INLINE_MAX_SIZE) throw new ProtocolError('too big inline request');
      this.needed = 1;
      return undefined;
    }
    let end = newline;
    if (end > this.pos && buffer.charCodeAt(end - 1) === 13) end--;
    const line = buffer.slice(this.pos, end);
    this.pos = newline + 1;
    const args = splitInlineArgs(line);
    if (args === undefined) throw new ProtocolError('unbalanced quotes in request', 'unbalanced quotes in inline request');
    return args;
  }

  /**
   * Where the line from `pos` ends (`end` is '\n' or '\r'), or -1. Redis finds it with
   * strchr on the query buffer, so a NUL before it hides it: such a line waits until it is
   * too long. Only the line itself is searched for the NUL (the buffer may be long).
   */
  private lineEnd(end: string): number {
    const buffer = this.buffer;
    const at = buffer.indexOf(end, this.pos);
    if (at < 0) return at;
    // Scanned in place: a slice per header line was a string allocated per argument.
    for (let i = this.pos; i < at; i++) if (buffer.charCodeAt(i) === 0) return -1;
    return at;
  }

  /**
   * Reads a `*N` or `$N` header line: Redis looks for the CR and skips the byte after it,
   * whatever it is. Undefined when the line is incomplete.
   */
  private header(tooBig: string): string | undefined {
    const buffer = this.buffer;
    const cr = this.lineEnd('\r');
    if (cr < 0 || cr + 1 >= buffer.length) {
      if (buffer.length - this.pos > PROTO_INLINE_MAX_SIZE) throw new ProtocolError(tooBig);
      this.needed = 1;
      return undefined;
    }
    const text = buffer.slice(this.pos + 1, cr);
    this.pos = cr + 2;
    return text;
  }

  private parseMultibulk(limits: ParserLimits): Bytes[] | undefined {
    if (this.argc < 0) {
      const text = this.header('too big mbulk count string');
      if (text === undefined) return undefined;
      const count = parseLength(text);
      if (count === undefined || count > PROTO_MAX_MULTIBULK) throw new ProtocolError('invalid multibulk length', 'invalid mbulk count');
      if (!limits.authenticated && count > PROTO_UNAUTH_MAX_MULTIBULK) {
        throw new ProtocolError('unauthenticated multibulk length', 'unauth mbulk count');
      }
      if (count <= 0) return [];
      this.argc = count;
      this.argv = [];
    }
    const buffer = this.buffer;
    while (this.argv.length < this.argc) {
      if (this.bulkLength < 0) {
        this.mark = this.pos;
        if (this.pos >= buffer.length) {
          this.needed = 1;
          return undefined;
        }
        if (buffer[this.pos] !== '$') {
          const cr = this.lineEnd('\r');
          if (cr < 0 || cr + 1 >= buffer.length) {
            if (buffer.length - this.pos > PROTO_INLINE_MAX_SIZE) throw new ProtocolError('too big bulk count string');
            this.needed = 1;
            return undefined;
          }
          throw new ProtocolError(`expected '$', got '${buffer[this.pos]}'`, 'expected $ but got something else');
        }
        const text = this.header('too big bulk count string');
        if (text === undefined) return undefined;
        const length = parseLength(text);
        if (length === undefined || length < 0 || length > limits.maxBulkLength || length > MAX_BULK_IN_MEMORY) {
          throw new ProtocolError('invalid bulk length');
        }
        if (!limits.authenticated && length > PROTO_UNAUTH_MAX_BULK) {
          throw new ProtocolError('unauthenticated bulk length', 'unauth bulk length');
        }
        this.bulkLength = length;
      }
      if (buffer.length - this.pos < this.bulkLength + 2) {
        this.needed = this.bulkLength + 2 - (buffer.length - this.pos);
        return undefined;
      }
      this.argv.push(buffer.slice(this.pos, this.pos + this.bulkLength) as Bytes);
      this.pos += this.bulkLength + 2;
      if (this.bulkLength >= PROTO_MBULK_BIG_ARG && this.pos === buffer.length && this.heldLength === 0) {
        this.bigArgument = this.bulkLength;
      }
      this.bulkLength = -1;
    }
    const argv = this.argv;
    this.argc = -1;
    this.argv = [];
    return argv;
  }
}

/** Parses the decimal after `*` or `$` as Redis's string2ll does; undefined if invalid. */
function parseLength(text: string): number | undefined {
  // Digit by digit (read twice per argument): an optional '-', 1 to 19 digits, no
  // leading zero (nor "-0"); a value past 2^53 comes out unsafe, as Number(text) would.
  const length = text.length;
  const negative = length > 0 && text.charCodeAt(0) === 45;
  const first = negative ? 1 : 0;
  const digits = length - first;
  if (digits < 1 || digits > 19) return undefined;
  if (text.charCodeAt(first) === 48 && length > 1) return undefined;
  let value = 0;
  for (let i = first; i < length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  if (negative) value = -value;
  return Number.isSafeInteger(value) ? value : undefined;
}

const HEX = /^[0-9a-fA-F]{2}$/;

/** isspace() in the C locale: blanks skipped between arguments and checked after quotes. */
function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\v' || c === '\f';
}

/**
 * Splits an inline request line as sdssplitargs does: words separated by space, tab, CR
 * or LF (not \v or \f, which only isspace() knows), "double quotes" with \n \r \t \b \a
 * \\ \" and \xHH escapes, 'single quotes' with \'. A closing quote must be followed by
 * whitespace. As a C string, the line ends at a NUL byte. Undefined on unbalanced quotes.
 */
export function splitInlineArgs(input: string): Bytes[] | undefined {
  const nul = input.indexOf('\0');
  const line = nul < 0 ? input : input.slice(0, nul);
  const args: Bytes[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    while (i < n && isSpace(line[i])) i++;
    if (i >= n) return args;
    let current = '';
    let inDouble = false;
    let inSingle = false;
    for (;;) {
      const c = line[i];
      if (inDouble) {
        if (c === undefined) return undefined;
        if (c === '\\' && line[i + 1] === 'x' && HEX.test(line.slice(i + 2, i + 4))) {
          current += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
          i += 3;
        } else if (c === '\\' && i + 1 < n) {
          i++;
          const e = line[i];
          current += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === 'b' ? '\b' : e === 'a' ? '\x07' : e;
        } else if (c === '"') {
          if (i + 1 < n && !isSpace(line[i + 1])) return undefined;
          i++;
          break;
        } else {
          current += c;
        }
      } else if (inSingle) {
        if (c === undefined) return undefined;
        if (c === '\\' && line[i + 1] === "'") {
          i++;
          current += "'";
        } else if (c === "'") {
          if (i + 1 < n && !isSpace(line[i + 1])) return undefined;
          i++;
          break;
        } else {
          current += c;
        }
      } else {
        if (c === undefined || c === ' ' || c === '\n' || c === '\r' || c === '\t') break;
        if (c === '"') inDouble = true;
        else if (c === "'") inSingle = true;
        else current += c;
      }
      i++;
    }
    args.push(current as Bytes);
  }
}
