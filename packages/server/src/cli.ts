#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { knownVersions } from '@fakeredis/core';
import { preloadLuaEngine } from '@fakeredis/scripting';
import { parseArgs, parseConfigFile, type Directive } from './args.js';
import { resolveSettings } from './settings.js';
import { TcpFakeServer } from './tcp-server.js';

/** "redis 7.0.15, 7.2.4, ...; valkey 8.0.1, ..." */
function describeVersions(): string {
  return (['redis', 'valkey'] as const).map((type) => `${type} ${knownVersions(type).join(', ')}`).join('; ');
}

const USAGE = `Usage: fakeredis-server [/path/to/redis.conf] [options]
       fakeredis-server -v or --version
       fakeredis-server -h or --help

Options are redis-server's: --port 6379 (0: no TCP), --bind "127.0.0.1 -::1",
--unixsocket /tmp/redis.sock, --unixsocketperm 700, --requirepass secret,
--databases 16, and any other configuration parameter as --<name> <value>.
fakeredis's own: --server-type redis|valkey (default redis; valkey is experimental),
--server-version (default 7.0 for redis, the newest for valkey; known:
${describeVersions()}).

Examples:
       fakeredis-server --port 6380
       fakeredis-server --server-version 7.2 --requirepass secret
       fakeredis-server /etc/redis/redis.conf --port 7777`;

function packageVersion(): string {
  // ../package.json from both src/cli.ts and dist/cli.mjs.
  return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(argv: readonly string[]): Promise<void> {
  const parsed = parseArgs(argv);
  if (parsed.kind === 'error') fail(`fakeredis-server: ${parsed.message}\n\n${USAGE}`);
  if (parsed.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const version = packageVersion();
  if (parsed.kind === 'version') {
    process.stdout.write(`fakeredis-server v=${version} (emulates ${describeVersions()})\n`);
    return;
  }

  let directives: Directive[] = parsed.directives;
  if (parsed.configFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(parsed.configFile, 'utf8');
    } catch (error) {
      fail(`Fatal error, can't open config file '${parsed.configFile}': ${(error as Error).message}`);
    }
    const fromFile = parseConfigFile(text, parsed.configFile);
    if (!Array.isArray(fromFile)) fail(fromFile.error);
    // Command-line options come after the file's, and win, as in redis-server.
    directives = [...fromFile, ...directives];
  }

  const settings = resolveSettings(directives);
  if (!settings.ok) fail(settings.error);
  for (const warning of settings.warnings) process.stderr.write(`${warning}\n`);

  const tcp = new TcpFakeServer(settings.options);
  try {
    await tcp.listen();
  } catch (error) {
    fail(`fakeredis-server: ${(error as Error).message}`);
  }
  // A long-running server warms the Lua engine up front, so its first EVAL is as quick as
  // the next (a library timing its first script, as redlock's tests do, sees no start-up).
  await preloadLuaEngine();
  const where = tcp.addresses.map((a) => ('path' in a ? a.path : a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`));
  const { serverType, version: emulated } = tcp.server.profile;
  process.stdout.write(`fakeredis-server ${version} (${serverType} ${emulated}) listening on ${where.join(', ')}\n`);

  let exiting = false;
  const exit = () => {
    if (exiting) return;
    exiting = true;
    void tcp.close().then(() => process.exit(0));
  };
  // SHUTDOWN closes the server; so do SIGINT and SIGTERM, as with redis-server.
  tcp.server.onClose(exit);
  process.on('SIGINT', exit);
  process.on('SIGTERM', exit);
}

main(process.argv.slice(2)).catch((error: unknown) => fail(`fakeredis-server: ${(error as Error).stack ?? String(error)}`));
