/** One configuration directive: a name and its arguments, as in redis.conf. */
export interface Directive {
  name: string;
  args: string[];
  /** Where it came from, for error messages: "command line" or "file:line". */
  source: string;
}

export type ParsedArgs =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'run'; configFile: string | undefined; directives: Directive[] }
  | { kind: 'error'; message: string };

/**
 * Parses redis-server's command line: an optional configuration file first, then
 * `--name value...` directives (every word up to the next `--name` is an argument, so
 * `--bind 127.0.0.1 ::1` and `--save ""` work), plus -v/--version and -h/--help.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 1 && (argv[0] === '-v' || argv[0] === '--version')) return { kind: 'version' };
  if (argv.length === 1 && (argv[0] === '-h' || argv[0] === '--help')) return { kind: 'help' };
  let i = 0;
  let configFile: string | undefined;
  if (argv[0] !== undefined && !argv[0].startsWith('-')) {
    configFile = argv[0];
    i = 1;
  }
  const directives: Directive[] = [];
  for (; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === '-v' || word === '--version') return { kind: 'version' };
    if (word === '-h' || word === '--help') return { kind: 'help' };
    if (word.startsWith('--') && word.length > 2) {
      directives.push({ name: word.slice(2).toLowerCase(), args: [], source: 'command line' });
      continue;
    }
    const current = directives.at(-1);
    if (current === undefined) return { kind: 'error', message: `Unexpected argument '${word}'; options look like --port 6380` };
    current.args.push(word);
  }
  return { kind: 'run', configFile, directives };
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
    while (i < line.length && /\s/.test(line[i] as string)) i++;
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
          if (i + 1 < line.length && !/\s/.test(line[i + 1] as string)) return undefined;
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
          if (i + 1 < line.length && !/\s/.test(line[i + 1] as string)) return undefined;
          i++;
          break;
        }
        word += c;
        i++;
      } else {
        if (c === undefined || /\s/.test(c)) break;
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

/** The directives of a redis.conf text (comments and blank lines skipped). */
export function parseConfigFile(text: string, fileName: string): Directive[] | { error: string } {
  const directives: Directive[] = [];
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = (lines[n] as string).trim();
    if (line === '' || line.startsWith('#')) continue;
    const words = splitConfigLine(line);
    if (words === undefined) return { error: `${fileName}:${n + 1}: Unbalanced quotes in configuration line` };
    const [name, ...args] = words;
    if (name === undefined) continue;
    directives.push({ name: name.toLowerCase(), args, source: `${fileName}:${n + 1}` });
  }
  return directives;
}
