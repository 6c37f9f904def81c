import type { Bytes } from '../../bytes.js';
import type { Client } from '../../client.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { CONFIG_FILE } from '../../config/special.js';
import { ConfigError, type ConfigParameter } from '../../config/store.js';
import {
  ERR_NO_CONFIG_FILE, ERR_SYNTAX, errConfigSetFailed, errConfigSetInvalid62, errConfigSetUnknown, errConfigSetUnsupported62,
} from '../../errors/index.js';
import { resetEvictionStats } from '../../evict.js';
import { compileGlob } from '../../glob.js';
import { ErrorReply, MapReply, OK, type Reply } from '../../reply.js';
import type { FakeServer } from '../../server.js';
import { helpReply } from '../help.js';
import { resetLatencyHistograms } from './latency.js';
import { isLocalClient } from '../../client.js';

/** CONFIG GET, SET, RESETSTAT, REWRITE and HELP over the server's ConfigStore. */

/**
 * CONFIG GET: exact names answer under the name as given (hidden parameters too);
 * patterns match every visible name and alias, case-insensitively. Each parameter (by
 * the name it answers to) appears once.
 */
export const CONFIG_GET: CommandHandler = (client, argv) => {
  const config = client.server.config;
  const matches = new Map<string, [string, ConfigParameter]>();
  for (const name of argv.slice(2)) {
    if (!/[[*?]/.test(name)) {
      const key = name.toLowerCase();
      if (matches.has(key)) continue;
      const parameter = config.find(name);
      if (parameter) matches.set(key, [name, parameter]);
      continue;
    }
    const match = compileGlob(name, true);
    for (const [candidate, parameter] of config.names()) {
      if (parameter.hidden || matches.has(candidate)) continue;
      if (match(candidate as Bytes)) matches.set(candidate, [candidate, parameter]);
    }
  }
  const found = [...matches.values()];
  if (client.server.profile.config.sortedGet === true) found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new MapReply(found.map(([name, parameter]) => [name as Bytes, config.get(parameter.name) as Bytes]));
};

/** Redis 6.2's configSetCommand (one parameter; immutable ones are unknown to it). */
function configSet62(server: FakeServer, name: Bytes, value: Bytes): Reply {
  const parameter = server.config.find(name);
  if (!parameter || parameter.immutable) return errConfigSetUnsupported62(name);
  try {
    server.config.set(name, value);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return errConfigSetInvalid62(name, value, e.reason);
  }
  return OK;
}

/**
 * CONFIG SET name value [name value ...]: every name is checked first (unknown,
 * immutable, protected, duplicate: the first problem wins), then the values are set in
 * order; when one is refused, those already set are restored.
 */
export const CONFIG_SET: CommandHandler = (client, argv) => {
  if (argv.length % 2 !== 0) return ERR_SYNTAX;
  const server = client.server;
  const config = server.config;
  if (server.profile.errorTexts === '6.2') return configSet62(server, argv[2] as Bytes, argv[3] as Bytes);
  const pairs: Array<{ name: string; parameter: ConfigParameter; value: string }> = [];
  for (let i = 2; i < argv.length; i += 2) {
    const name = argv[i] as Bytes;
    const parameter = config.find(name);
    if (!parameter) return errConfigSetUnknown(name);
    if (parameter.immutable) return errConfigSetFailed(name, "can't set immutable config");
    if (parameter.protected && !protectedConfigAllowed(server, client)) return errConfigSetFailed(name, "can't set protected config");
    // An alias and its parameter are distinct names here, as in Redis: only a repeated name is a duplicate.
    if (pairs.some((p) => p.name === name.toLowerCase())) return errConfigSetFailed(name, 'duplicate parameter');
    pairs.push({ name: name.toLowerCase(), parameter, value: argv[i + 1] as Bytes });
  }
  const previous = pairs.map(({ parameter }) => config.get(parameter.name));
  for (const [index, { name, value }] of pairs.entries()) {
    try {
      config.set(name, value);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      for (let j = 0; j <= index; j++) config.restore((pairs[j] as { parameter: ConfigParameter }).parameter.name, previous[j] as string);
      // Reported by the name used: an alias by its own name.
      return errConfigSetFailed(name, e.reason);
    }
  }
  return OK;
};

function protectedConfigAllowed(server: FakeServer, client: Client): boolean {
  const setting = server.config.get('enable-protected-configs');
  return setting === 'yes' || (setting === 'local' && isLocalClient(client));
}

/** Resets what INFO reports as counters: server stats, command stats, error stats. */
export function resetStats(server: FakeServer): void {
  const stats = server.stats;
  stats.totalConnections = 0;
  stats.totalCommands = 0;
  stats.expiredKeys = 0;
  stats.evictedKeys = 0;
  stats.keyspaceHits = 0;
  stats.keyspaceMisses = 0;
  stats.rejectedConnections = 0;
  stats.totalErrorReplies = 0;
  stats.dumpPayloadSanitizations = 0;
  stats.netInputBytes = 0;
  stats.netOutputBytes = 0;
  stats.expiredKeysActive = 0;
  stats.expiredSubkeys = 0;
  stats.expiredSubkeysActive = 0;
  stats.queryBufferLimitDisconnections = 0;
  stats.outputBufferLimitDisconnections = 0;
  stats.errors.clear();
  server.clientsCron.evictedClients = 0;
  server.lazyfreedObjects = 0;
  resetEvictionStats(server);
  resetLatencyHistograms(server);
  for (const hook of server.hooks.statsReset ?? []) hook();
  for (const entry of server.commands.all()) {
    entry.stats.calls = 0;
    entry.stats.usec = 0;
    entry.stats.rejectedCalls = 0;
    entry.stats.failedCalls = 0;
  }
}

const HELP_LINES = [
  'GET <pattern>',
  '    Return parameters matching the glob-like <pattern> and their values.',
  'SET <directive> <value>',
  '    Set the configuration <directive> to <value>.',
  'RESETSTAT',
  '    Reset statistics reported by the INFO command.',
  'REWRITE',
  '    Rewrite the configuration file.',
];

export const CONFIG_RESETSTAT: CommandHandler = (client): Reply => {
  resetStats(client.server);
  return OK;
};

/**
 * CONFIG REWRITE: the server's configuration file (CONFIG_FILE, set by whoever loaded
 * one, e.g. fakeredis-server) rewrites itself; a server started without one answers
 * Redis's error.
 */
export const CONFIG_REWRITE: CommandHandler = (client) => {
  const server = client.server;
  const file = server.moduleState(CONFIG_FILE).current;
  if (file === undefined) return ERR_NO_CONFIG_FILE;
  try {
    file.rewrite();
  } catch (e) {
    server.log('warning', `CONFIG REWRITE failed: ${(e as Error).message}`);
    return new ErrorReply(`ERR Rewriting config file: ${(e as Error).message}`);
  }
  server.log('warning', 'CONFIG REWRITE executed with success.');
  return OK;
};

export const CONFIG_HELP: CommandHandler = (client) => helpReply(client.server, 'CONFIG', HELP_LINES);
