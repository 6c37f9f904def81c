import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { compileGlob, type Bytes } from '@fakeredis/core';
import { strerror } from './log.js';

/** One line of configuration: a directive name (lower-cased) and its arguments, as in redis.conf. */
export interface Directive {
  name: string;
  args: string[];
  /** The line as written (trimmed), for Redis's fatal report (">>> 'port \"abc\"'"). */
  line: string;
  /** Its number in the text it was read from (a file, or file + stdin + options). */
  lineNumber: number;
}

/** What a configuration text holds, in order: directives, and the lines that stop loading. */
export type ConfigEntry =
  | ({ kind: 'directive' } & Directive)
  /** A line Redis refuses while splitting it ("Unbalanced quotes in configuration line"). */
  | { kind: 'bad-line'; line: string; lineNumber: number; reason: string }
  /** An `include` whose file cannot be read: Redis logs it and exits 1. */
  | { kind: 'open-failed'; message: string };

export type ParsedArgs =
  | { kind: 'help' }
  | { kind: 'version' }
  | {
      kind: 'run';
      /** The configuration file (first argument not starting with '-'), as given. */
      configFile: string | undefined;
      /** `-` as the first or last argument: the configuration is read from stdin too. */
      stdin: boolean;
      /** The options as redis-server turns them into configuration lines; undefined without arguments. */
      options: string | undefined;
    };

/**
 * Parses redis-server's command line as its main() does: -v/--version or -h/--help as the
 * only first argument, an optional configuration file first, `-` (first or last) for stdin,
 * then options, each `--name` starting a configuration line and every other word appended
 * to it quoted (so `--save ""` and `--bind 127.0.0.1 ::1` work); an option name directly
 * followed by another takes the next word as its value, except `--save`, which then means
 * `save ""`.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 0) return { kind: 'run', configFile: undefined, stdin: false, options: undefined };
  const first = argv[0] as string;
  if (first === '-v' || first === '--version') return { kind: 'version' };
  if (first === '-h' || first === '--help') return { kind: 'help' };
  let j = 0;
  let configFile: string | undefined;
  if (!first.startsWith('-')) {
    configFile = first;
    j = 1;
  }
  let stdin = false;
  let options = '';
  let handledLastArg = true;
  for (; j < argv.length; j++) {
    const word = argv[j] as string;
    if (word === '-' && (j === 0 || j === argv.length - 1)) {
      stdin = true;
    } else if (handledLastArg && word.startsWith('--')) {
      if (options !== '') options += '\n';
      options += `${word.slice(2)} `;
      const words = splitConfigLine(word);
      if (words?.length === 1) {
        handledLastArg = false;
        const next = argv[j + 1];
        if (word.toLowerCase() === '--save' && (next === undefined || next.startsWith('--'))) {
          options += '""';
          handledLastArg = true;
        }
      } else {
        handledLastArg = true;
      }
    } else {
      options += `${quoteArg(word)} `;
      handledLastArg = true;
    }
  }
  return { kind: 'run', configFile, stdin, options };
}

/** sdscatrepr: a word in double quotes with C escapes, bytes outside printable ASCII as \xHH. */
export function quoteArg(word: string): string {
  let out = '"';
  for (const byte of Buffer.from(word, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (c === '\\' || c === '"') out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (c === '\x07') out += '\\a';
    else if (c === '\b') out += '\\b';
    else if (byte >= 0x20 && byte <= 0x7e) out += c;
    else out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `${out}"`;
}

/** isspace() in the C locale. */
function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

/**
 * Splits one redis.conf line into words as Redis's sdssplitargs does: spaces separate,
 * "double quotes" take \n \r \t \b \a \\ \" and \xHH escapes, 'single quotes' take \'.
 * Returns undefined for unbalanced quotes.
 */
export function splitConfigLine(line: string): string[] | undefined {
  const words: string[] = [];
  let i = 0;
  for (;;) {
    while (i < line.length && isSpace(line[i] as string)) i++;
    if (i >= line.length) return words;
    let word = '';
    let quote: '"' | "'" | undefined;
    for (;;) {
      const c = line[i];
      if (quote === '"') {
        if (c === undefined) return undefined;
        if (c === '\\' && line[i + 1] === 'x' && /^[0-9a-fA-F]{2}$/.test(line.slice(i + 2, i + 4))) {
          word += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
          i += 4;
          continue;
        }
        if (c === '\\' && i + 1 < line.length) {
          const next = line[i + 1] as string;
          word += ({ n: '\n', r: '\r', t: '\t', b: '\b', a: '\x07' } as Record<string, string>)[next] ?? next;
          i += 2;
          continue;
        }
        if (c === '"') {
          // A closing quote must be followed by a space or the end of the line.
          if (i + 1 < line.length && !isSpace(line[i + 1] as string)) return undefined;
          i++;
          break;
        }
        word += c;
        i++;
      } else if (quote === "'") {
        if (c === undefined) return undefined;
        if (c === '\\' && line[i + 1] === "'") {
          word += "'";
          i += 2;
          continue;
        }
        if (c === "'") {
          if (i + 1 < line.length && !isSpace(line[i + 1] as string)) return undefined;
          i++;
          break;
        }
        word += c;
        i++;
      } else {
        if (c === undefined || isSpace(c)) break;
        if (c === '"' || c === "'") {
          quote = c;
          i++;
          continue;
        }
        word += c;
        i++;
      }
    }
    words.push(word);
  }
}

/** Reads a configuration file as bytes (latin1), or the strerror text of why it cannot be. */
export function readConfigFile(path: string): { text: string } | { error: string } {
  try {
    return { text: readFileSync(path, 'latin1') };
  } catch (error) {
    return { error: strerror(error) };
  }
}

/**
 * The entries of a configuration text, as loadServerConfigFromString reads it: lines
 * split on "\n" and trimmed, `#` comments and blank lines skipped, each line split as
 * sdssplitargs does. `include` (with one argument) reads its file at that point, each of
 * its lines numbered within it; a pattern with `*`, `?` or `[` in its file name includes
 * every match in name order, and none is no error.
 */
export function parseConfigText(text: string): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = (lines[n] as string).replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
    if (line === '' || line.startsWith('#')) continue;
    const words = splitConfigLine(line);
    if (words === undefined) {
      entries.push({ kind: 'bad-line', line, lineNumber: n + 1, reason: 'Unbalanced quotes in configuration line' });
      continue;
    }
    const [name, ...args] = words;
    if (name === undefined) continue;
    const directive = { name: name.toLowerCase(), args, line, lineNumber: n + 1 };
    if (directive.name === 'include' && args.length === 1) {
      entries.push(...includeFiles(args[0] as string));
      continue;
    }
    entries.push({ kind: 'directive', ...directive });
  }
  return entries;
}

function includeFiles(pattern: string): ConfigEntry[] {
  let files = [pattern];
  if (/[*?[]/.test(pattern)) {
    // glob(3) on the file name; a pattern matching nothing includes nothing.
    const dir = dirname(pattern);
    const match = compileGlob(basename(pattern) as Bytes, false);
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((name) => !name.startsWith('.') && match(name as unknown as Bytes));
    } catch {
      names = [];
    }
    files = names.sort().map((name) => (pattern.includes('/') ? join(dir, name) : name));
  }
  const entries: ConfigEntry[] = [];
  for (const file of files) {
    const read = readConfigFile(file);
    if ('error' in read) return [...entries, { kind: 'open-failed', message: `Fatal error, can't open config file '${file}': ${read.error}` }];
    entries.push(...parseConfigText(read.text));
  }
  return entries;
}
