import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { tryParseDouble } from '../numbers.js';
import type { FakeServer, ModuleStateKey } from '../server.js';
import { memtoull, numeric, type ParameterFlags, splitArgs, strtollWhole } from './kinds.js';
import { ConfigError, type ConfigParameter } from './store.js';

/**
 * Redis 7.0's "special" parameters, each with its own syntax (config.c's
 * setConfig*Option / getConfig*Option), and the validators of some text parameters.
 */

function special(name: string, def: string, parse: (value: string) => string, flags: ParameterFlags = {}): ConfigParameter {
  return {
    name,
    default: def,
    parse,
    ...(flags.alias !== undefined ? { aliases: [flags.alias] } : {}),
    ...(flags.immutable ? { immutable: true } : {}),
    ...(flags.protected ? { protected: true } : {}),
    ...(flags.apply ? { apply: flags.apply } : {}),
  };
}

/** save: pairs of "<seconds> <changes>", seconds >= 1 and changes >= 0; "" for none. */
export function saveParam(def: string): ConfigParameter {
  return special('save', def, (value) => {
    const args = splitArgs(value);
    if (args.length % 2 !== 0) throw new ConfigError('Invalid save parameters');
    const numbers = args.map((arg, i) => {
      const n = strtollWhole(arg);
      if (n === undefined || (i % 2 === 0 && n < 1n) || (i % 2 === 1 && n < 0n)) throw new ConfigError('Invalid save parameters');
      return i % 2 === 0 ? n : BigInt.asIntN(32, n); // changes are a C int
    });
    return numbers.join(' ');
  });
}

const OBUF_CLASSES = ['normal', 'slave', 'pubsub'] as const;
const OBUF_CLASS_NAMES: Record<string, number> = { normal: 0, slave: 1, replica: 1, pubsub: 2 };

/**
 * client-output-buffer-limit: groups of "<class> <hard> <soft> <soft-seconds>"; classes
 * not given keep their limits. Printed for all three classes, replicas as "slave".
 */
export function clientOutputBufferLimitParam(def: string): ConfigParameter {
  let current = def;
  return special('client-output-buffer-limit', def, (value) => {
    const args = splitArgs(value);
    if (args.length % 4 !== 0) throw new ConfigError('Wrong number of arguments in buffer limit configuration.');
    const limits = current.split(' ');
    const updates = new Map<number, string[]>();
    for (let j = 0; j < args.length; j += 4) {
      const cls = OBUF_CLASS_NAMES[(args[j] as string).toLowerCase()];
      if (cls === undefined) throw new ConfigError('Invalid client class specified in buffer limit configuration.');
      const hard = memtoull(args[j + 1] as string);
      const soft = memtoull(args[j + 2] as string);
      const parsed = strtollWhole(args[j + 3] as string);
      const seconds = parsed === undefined ? undefined : BigInt.asIntN(32, parsed); // a C int
      if (hard === undefined || soft === undefined || seconds === undefined || seconds < 0n) {
        throw new ConfigError('Error in hard, soft or soft_seconds setting in buffer limit configuration.');
      }
      updates.set(cls, [hard.toString(), soft.toString(), seconds.toString()]);
    }
    for (const [cls, values] of updates) limits.splice(cls * 4 + 1, 3, ...values);
    return OBUF_CLASSES.map((name, i) => [name, ...limits.slice(i * 4 + 1, i * 4 + 4)].join(' ')).join(' ');
  }, {
    apply: (value) => {
      current = value;
    },
  });
}

/** oom-score-adj-values: three values in -2000..2000. */
export function oomScoreAdjValuesParam(def: string): ConfigParameter {
  return special('oom-score-adj-values', def, (value) => {
    const args = splitArgs(value);
    if (args.length !== 3) throw new ConfigError('wrong number of arguments');
    return args
      .map((arg) => {
        const n = strtollWhole(arg);
        if (n === undefined || n < -2000n || n > 2000n) {
          throw new ConfigError('Invalid oom-score-adj-values, elements must be between -2000 and 2000.');
        }
        return n.toString();
      })
      .join(' ');
  });
}

/**
 * Whatever serves a server on sockets (fakeredis-server, TcpFakeServer): CONFIG SET port
 * and bind move its listeners, as Redis's updatePort and applyBind do. `move` binds the
 * new addresses or throws a ConfigError with Redis's reason, leaving the old ones.
 */
export interface Listener {
  move(port: number, bind: string): void;
}

/** The server's listener, if something listens for it (an in-memory server has none). */
export const LISTENER: ModuleStateKey<{ current: Listener | undefined }> = { name: 'listener', init: () => ({ current: undefined }) };

/**
 * The configuration file a server was started from: CONFIG REWRITE writes to it (throwing
 * an Error whose message is the reason), INFO shows its path. None: CONFIG REWRITE answers
 * "ERR The server is running without a config file".
 */
export interface ConfigFile {
  readonly path: string;
  rewrite(): void;
}

export const CONFIG_FILE: ModuleStateKey<{ current: ConfigFile | undefined }> = { name: 'config-file', init: () => ({ current: undefined }) };

/** Moves the listener; a refusal is logged as config.c logs a failed apply, then rolled back by CONFIG SET. */
function moveListener(server: FakeServer, name: 'port' | 'bind', port: number, bind: string): void {
  const listener = server.moduleState(LISTENER).current;
  if (listener === undefined) return;
  try {
    listener.move(port, bind);
  } catch (error) {
    if (error instanceof ConfigError) {
      server.log('warning', `Failed applying new configuration. Possibly related to new ${name} setting. Restoring previous settings.`);
    }
    throw error;
  }
}

/** port: 0..65535; a listening server moves its TCP listeners ("Unable to listen on this port" when it cannot). */
export function portParam(server: FakeServer, def: string): ConfigParameter {
  return numeric('port', def, 'int', 0n, 65535n, {
    apply: (value) => moveListener(server, 'port', Number(value), server.config.get('bind')),
  });
}

/**
 * bind: up to 16 addresses; "" binds none. An empty address cannot be bound. A
 * listening server rebinds its TCP listeners ("Failed to bind to specified addresses").
 */
export function bindParam(server: FakeServer, def: string): ConfigParameter {
  return special('bind', def, (value) => {
    const args = value === '' ? [] : value.split(' ');
    if (args.length > 16) throw new ConfigError('Too many bind addresses specified.');
    if (args.some((a) => a === '' || a === '-')) throw new ConfigError('Failed to bind to specified addresses.');
    return args.join(' ');
  }, {
    apply: (value) => moveListener(server, 'bind', server.config.getNumber('port'), value),
  });
}

/** replicaof: "<host> <port>" or "no one" (immutable in 7.0: start-up only). */
export function replicaofParam(): ConfigParameter {
  return special(
    'replicaof',
    '',
    (value) => {
      const args = splitArgs(value);
      if (args.length !== 2) throw new ConfigError('wrong number of arguments');
      const [host, port] = args as [string, string];
      if (host.toLowerCase() === 'no' && port.toLowerCase() === 'one') return '';
      const n = /^[ \t\n\v\f\r]*[+-]?[0-9]+$/.test(port) ? Number(port) : NaN;
      if (!(n >= 0 && n <= 65535)) throw new ConfigError('Invalid master port');
      return `${host} ${n}`;
    },
    { alias: 'slaveof', immutable: true },
  );
}

/** latency-tracking-info-percentiles: doubles in 0..100, printed as %f without trailing zeros. */
export function latencyPercentilesParam(def: string): ConfigParameter {
  return special('latency-tracking-info-percentiles', def, (value) => {
    const args = splitArgs(value);
    return args
      .map((arg) => {
        const p = tryParseDouble(arg);
        if (p === undefined) throw new ConfigError('Invalid latency-tracking-info-percentiles parameters');
        if (!(p >= 0 && p <= 100)) {
          throw new ConfigError('latency-tracking-info-percentiles parameters should sit between [0.0,100.0]');
        }
        return trimDouble(p.toFixed(6));
      })
      .join(' ');
  });
}

/** Redis's trimDoubleString: "99.900000" -> "99.9", "50.000000" -> "50". */
export function trimDouble(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  EACCES: 'Permission denied',
  ELOOP: 'Too many levels of symbolic links',
  ENAMETOOLONG: 'File name too long',
};

/**
 * dir: the working directory. The fake does not chdir; it checks the directory exists
 * and keeps its absolute, resolved path, as getcwd() would print it.
 */
export function dirParam(initial: string): ConfigParameter {
  let current = initial;
  return special(
    'dir',
    initial,
    (value) => {
      try {
        const path = realpathSync(resolve(current, value));
        if (!statSync(path).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
        return path;
      } catch (e) {
        const code = (e as { code?: string }).code ?? '';
        throw new ConfigError(ERRNO_TEXT[code] ?? 'No such file or directory');
      }
    },
    {
      protected: true,
      apply: (value) => {
        current = value;
      },
    },
  );
}

const PROC_TITLE_VARIABLES = new Set(['title', 'listen-addr', 'server-mode', 'port', 'tls-port', 'unixsocket', 'config-file']);

/**
 * proc-title-template: {variable} placeholders ({{ is a literal brace, a lone } is
 * literal), known variables only, and something left once expanded for an empty title
 * and trimmed (Redis's sdstemplate and validateProcTitleTemplate).
 */
export function checkProcTitleTemplate(expand: (variable: string) => string): (value: string) => void {
  return (value) => {
    let out = '';
    let i = 0;
    while (i < value.length) {
      const open = value.indexOf('{', i);
      if (open < 0) {
        out += value.slice(i);
        break;
      }
      out += value.slice(i, open);
      if (open + 1 >= value.length) throw invalidTemplate();
      if (value[open + 1] === '{') {
        out += '{';
        i = open + 2;
        continue;
      }
      const close = value.indexOf('}', open + 1);
      if (close < 0) throw invalidTemplate();
      const variable = value.slice(open + 1, close);
      if (!PROC_TITLE_VARIABLES.has(variable)) throw invalidTemplate();
      out += expand(variable);
      i = close + 1;
    }
    if (out.replace(/^ +| +$/g, '') === '') throw invalidTemplate();
  };
}

function invalidTemplate(): ConfigError {
  return new ConfigError('template format is invalid or contains unknown variables');
}

/** cluster-announce-hostname: under 256 bytes of letters, digits, '-' and '.'. */
export function checkHostname(value: string): void {
  if (value.length >= 256) throw new ConfigError('Hostnames must be less than 256 characters');
  if (!/^[A-Za-z0-9.-]*$/.test(value)) throw new ConfigError('Hostnames may only contain alphanumeric characters, hyphens or dots');
}

function isBaseName(value: string): boolean {
  return !value.includes('/') && !value.includes('\\');
}

export function checkDbFilename(value: string): void {
  if (!isBaseName(value)) throw new ConfigError("dbfilename can't be a path, just a filename");
}

export function checkAppendFilename(value: string): void {
  if (value === '') throw new ConfigError("appendfilename can't be empty");
  if (!isBaseName(value)) throw new ConfigError("appendfilename can't be a path, just a filename");
}

export function checkAppendDirname(value: string): void {
  if (value === '') throw new ConfigError("appenddirname can't be empty");
  if (!isBaseName(value)) throw new ConfigError("appenddirname can't be a path, just a dirname");
}
