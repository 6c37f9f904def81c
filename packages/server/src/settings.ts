import { ConfigError, FakeServer, knownVersions, serverProfile, type ServerType } from '@fakeredis/core';
import { defaultVersion } from '@fakeredis/composer';
import type { Directive } from './args.js';
import { allMixins } from './modules.js';
import type { TcpFakeServerOptions } from './tcp-server.js';

/** The server types fakeredis has command metadata for (Dragonfly and KeyDB have none yet). */
const SERVER_TYPES: readonly ServerType[] = (['redis', 'valkey', 'dragonfly', 'keydb'] as const).filter((type) => knownVersions(type).length > 0);

export type Settings =
  | { ok: true; options: TcpFakeServerOptions & { port: number | null }; warnings: string[] }
  | { ok: false; error: string };

/**
 * Turns directives into TcpFakeServer options. fakeredis's own `server-type` and
 * `server-version` pick what to emulate; `port`, `bind`, `unixsocket` and
 * `unixsocketperm` say where to listen (port 0 disables TCP, as in Redis); every other
 * directive is a configuration parameter, checked as Redis checks it. Parameters Redis
 * has but fakeredis does not model (save, appendonly, daemonize ...) are ignored with a
 * warning; bad values are fatal, as in redis-server.
 */
export function resolveSettings(directives: readonly Directive[]): Settings {
  let serverType: ServerType = 'redis';
  let version: string | undefined;
  let port: number | null = 6379;
  let bind = '127.0.0.1';
  let unixSocket: string | undefined;
  let unixSocketPerm: number | undefined;
  const config: Array<[Directive, string]> = [];

  for (const directive of directives) {
    const value = directive.args.join(' ');
    const fail = (reason: string): Settings => ({ ok: false, error: fatal(directive, reason) });
    switch (directive.name) {
      case 'server-type':
        if (!SERVER_TYPES.includes(value as ServerType)) {
          return fail(`argument(s) must be one of the following: ${SERVER_TYPES.join(', ')}`);
        }
        serverType = value as ServerType;
        break;
      case 'server-version':
        version = value;
        break;
      case 'port': {
        if (!/^[0-9]+$/.test(value)) return fail("argument couldn't be parsed into an integer");
        const n = Number(value);
        if (n > 65535) return fail('argument must be between 0 and 65535 inclusive');
        port = n === 0 ? null : n;
        break;
      }
      case 'bind':
        if (directive.args.length === 0) return fail('Bad directive or wrong number of arguments');
        bind = value;
        break;
      case 'unixsocket':
        unixSocket = value === '' ? undefined : value;
        break;
      case 'unixsocketperm':
        if (!/^[0-7]+$/.test(value)) return fail('Invalid socket file permissions');
        unixSocketPerm = parseInt(value, 8);
        break;
      default:
        config.push([directive, value]);
    }
  }

  let profile;
  try {
    profile = serverProfile(serverType, version ?? defaultVersion(serverType));
  } catch (error) {
    return { ok: false, error: `fakeredis-server: ${(error as Error).message}` };
  }
  if (port === null && unixSocket === undefined) {
    return { ok: false, error: 'fakeredis-server: nothing to listen on (port 0 and no unixsocket)' };
  }

  // A throw-away server knows every parameter the installed modules define, and checks values.
  const probe = new FakeServer({ profile, mixins: allMixins });
  const warnings: string[] = [];
  const accepted: Record<string, string> = {};
  try {
    for (const [directive, value] of config) {
      if (probe.config.lookup(directive.name) === undefined) {
        warnings.push(`fakeredis-server: ignoring '${directive.name}' (${directive.source}): not modelled by fakeredis`);
        continue;
      }
      try {
        probe.config.initialize(directive.name, value);
      } catch (error) {
        if (error instanceof ConfigError) return { ok: false, error: fatal(directive, error.reason) };
        throw error;
      }
      accepted[directive.name] = value;
    }
  } finally {
    probe.close();
  }
  return {
    ok: true,
    options: { serverType, version: profile.version, port, bind, unixSocket, unixSocketPerm, config: accepted },
    warnings,
  };
}

/** redis-server's fatal configuration message. */
function fatal(directive: Directive, reason: string): string {
  const shown = [directive.name, ...directive.args.map((a) => JSON.stringify(a))].join(' ');
  return `\n*** FATAL CONFIG ERROR (fakeredis-server) ***\nReading the configuration, ${directive.source}\n>>> '${shown}'\n${reason}\n`;
}
