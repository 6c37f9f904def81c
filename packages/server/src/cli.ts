#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { ACL_USERS_WITH_ACLFILE, AclStartupError, addHook, CONFIG_FILE, enablePersistence, knownVersions, loadConfiguredUsers, persistenceState, RdbError, prepareForShutdown, signalShutdownFlags } from '@fakeredis/core';
import { FakeCluster } from '@fakeredis/cluster';
import { preloadLuaEngine } from '@fakeredis/scripting';
import { parseArgs, parseConfigText, readConfigFile } from './args.js';
import { rewriteConfigFile } from './config-rewrite.js';
import { Logger, strerror } from './log.js';
import { loadedModuleMixins } from './modules.js';
import { resolveSettings } from './settings.js';
import { composeServer, ListenError, TcpFakeServer } from './tcp-server.js';

/** The server types fakeredis-server can emulate, in --help's order. */
const TYPES = ['redis', 'valkey', 'keydb'] as const;

/** "redis 7.0.15, 7.2.4, ...; valkey 8.0.1, ...; keydb 6.3.4" */
function describeVersions(): string {
  return TYPES.map((type) => `${type} ${knownVersions(type).join(', ')}`).join('; ');
}

/** One line per server type: its versions, and which are checked against a real server. */
function listVersions(): string {
  const checked: Record<string, string> = {
    redis: '7.0 checked against redis-server 7.0.15; 7.2 and 7.4 partly against 7.2.4 and 7.4.1 builds',
    valkey: '8.0, 8.1 and 9.1 checked against valkey-server 8.0.1, 8.1.1 and 9.1.2 builds (identity, configuration, COMMAND, a command sample)',
    keydb: '6.3 checked against a keydb-server 6.3.4 build',
  };
  return TYPES.map((type) => `  ${type} ${knownVersions(type).join(', ')} (${checked[type]})`).join('\n');
}

const USAGE = `Usage: fakeredis-server [/path/to/redis.conf] [options] [-]
       fakeredis-server - (read config from stdin)
       fakeredis-server -v or --version
       fakeredis-server -h or --help

Options are redis-server's: --port 6379 (0: no TCP), --bind "127.0.0.1 -::1",
--unixsocket /tmp/redis.sock, --unixsocketperm 700, --requirepass secret,
--databases 16, --logfile "", --loglevel notice, --daemonize yes, --pidfile path,
and any other configuration parameter as --<name> <value>.
fakeredis's own: --server-type redis|valkey|keydb (default redis) and --server-version
(default 7.0 for redis, 8.0 for valkey, 6.3 for keydb; a full version or its major.minor). Known:
${listVersions()}
--cluster-enabled yes runs one cluster-mode node; --cluster-nodes N [--cluster-replicas R]
runs a whole cluster in this process (N masters, R replicas each, slots split as
redis-cli --cluster create splits them) on ports port ... port+N*(R+1)-1.

Examples:
       fakeredis-server --port 6380
       fakeredis-server --server-version 7.2 --requirepass secret
       fakeredis-server --server-type valkey --server-version 8.0
       fakeredis-server --server-type keydb
       fakeredis-server --port 30001 --cluster-nodes 3 --cluster-replicas 1
       fakeredis-server /etc/redis/redis.conf --port 7777
       echo "port 7000" | fakeredis-server -`;

/** Set in the detached process `daemonize yes` starts; holds the configuration read from stdin, if any. */
const DAEMON_ENV = 'FAKEREDIS_SERVER_DAEMON';
/** createPidFile's default, when daemonized without a pidfile. */
const DEFAULT_PIDFILE = '/var/run/redis.pid';

/** The version in this package's package.json, the nearest above this file (src/, dist/ or a test bundle). */
function packageVersion(): string {
  const require = createRequire(import.meta.url);
  for (let dir = '..'; dir.length < 30; dir = `../${dir}`) {
    try {
      const pkg = require(`${dir}/package.json`) as { name?: string; version: string };
      if (pkg.name === '@fakeredis/server') return pkg.version;
    } catch {
      // not here: one level up
    }
  }
  return '0.0.0';
}

function readStdin(): string {
  try {
    return readFileSync(0, 'latin1');
  } catch {
    return '';
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const parsed = parseArgs(argv);
  if (parsed.kind === 'help') {
    // As redis-server's usage(): on stderr, exit code 1.
    process.stderr.write(`${USAGE}\n`);
    process.exit(1);
  }
  const version = packageVersion();
  if (parsed.kind === 'version') {
    process.stdout.write(`fakeredis-server v=${version} (emulates ${describeVersions()})\n`);
    return;
  }
  if (argv.includes('--sentinel')) {
    // redis-server --sentinel runs Redis Sentinel, which fakeredis does not emulate.
    process.stderr.write('fakeredis-server does not emulate Redis Sentinel (--sentinel)\n');
    process.exit(1);
  }
  const daemonChild = process.env[DAEMON_ENV];
  const startDir = process.cwd();
  // Lines logged before the configuration is loaded go to stdout, as Redis's do.
  const early = new Logger({ logfile: () => '', loglevel: () => 'notice', daemonized: daemonChild !== undefined });
  const exitEarly = (message: string): never => {
    early.log('warning', message);
    process.exit(1);
  };

  // loadServerConfig: the file, then stdin, then the options as lines of their own.
  let text = '';
  let stdinText = '';
  let configPath: string | undefined;
  if (parsed.options !== undefined) {
    if (parsed.configFile !== undefined) {
      configPath = resolve(parsed.configFile);
      // Redis reads the file by its absolute path, and names it so.
      const read = readConfigFile(configPath);
      if ('error' in read) exitEarly(`Fatal error, can't open config file '${configPath}': ${read.error}`);
      else text += read.text;
    }
    if (parsed.stdin) {
      if (daemonChild !== undefined) {
        stdinText = daemonChild;
      } else {
        early.log('warning', 'Reading config from stdin');
        stdinText = readStdin();
      }
      text += stdinText;
    }
    text += `\n${parsed.options}`;
  }
  const settings = resolveSettings(parseConfigText(text));
  if (!settings.ok) {
    if (settings.log !== undefined) exitEarly(settings.log);
    process.stderr.write(settings.error ?? '');
    process.exit(1);
  }
  if (settings.dir !== undefined) process.chdir(settings.dir);

  if (settings.daemonize && daemonChild === undefined) {
    // daemonize(): the server goes on in a new session with no terminal; this process exits 0.
    const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
      cwd: startDir,
      detached: true,
      stdio: 'ignore',
      // The child reads the same files again; what came from stdin it gets from here.
      env: { ...process.env, [DAEMON_ENV]: stdinText },
    });
    child.unref();
    process.exit(0);
  }

  // ACLLoadUsersAtStartup checks this before loading either.
  if (settings.users.length > 0 && (settings.config.aclfile ?? '') !== '') return exitEarly(ACL_USERS_WITH_ACLFILE);
  let tcp: TcpFakeServer;
  // cluster-nodes: a whole cluster in this process, node i listening on port + i.
  const peers: TcpFakeServer[] = [];
  try {
    if (settings.cluster !== undefined) {
      const cluster = new FakeCluster({
        Server: composeServer(settings.serverType, settings.version, settings.modules, true),
        masters: settings.cluster.masters,
        replicas: settings.cluster.replicas,
        port: settings.port,
        config: { ...settings.config, 'cluster-enabled': 'yes' },
      });
      const [first, ...others] = cluster.nodes;
      tcp = new TcpFakeServer({ server: first, port: settings.port, bind: settings.bind, unixSocket: settings.unixSocket, unixSocketPerm: settings.unixSocketPerm });
      others.forEach((node, i) => peers.push(new TcpFakeServer({ server: node, port: settings.port + i + 1, bind: settings.bind })));
    } else {
      tcp = new TcpFakeServer({
        serverType: settings.serverType,
        version: settings.version,
        config: settings.config,
        modules: settings.modules,
        port: settings.port === 0 ? null : settings.port,
        bind: settings.bind,
        unixSocket: settings.unixSocket,
        unixSocketPerm: settings.unixSocketPerm,
      });
    }
  } catch (error) {
    // An aclfile with errors aborts the start (ACLLoadUsersAtStartup).
    if (!(error instanceof AclStartupError)) throw error;
    return exitEarly(error.message);
  }
  const server = tcp.server;
  for (const [from, to] of settings.renames) server.commands.rename(from, to);
  // MODULE LOAD / LOADEX of a module fakeredis emulates, as loadmodule at start-up.
  for (const node of [tcp, ...peers]) node.server.moduleLoader = loadedModuleMixins;
  const logger = new Logger({
    logfile: () => server.config.get('logfile'),
    loglevel: () => server.config.get('loglevel'),
    daemonized: settings.daemonize,
  });
  // Core and modules log through the server's log hook.
  addHook(server, 'log', (level, message) => logger.log(level, message));
  // Redis 7.2 lowered its start-up and shutdown lines from warning to notice.
  const v72 = server.versionAtLeast('7.2.0');
  const startLevel = v72 ? 'notice' : 'warning';

  logger.log(startLevel, 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo');
  // Where Redis prints its build (commit), fakeredis prints its own name and version.
  logger.log(startLevel, `Redis version=${settings.version}, bits=64, commit=fakeredis-${version}, modified=0, pid=${process.pid}, just started`);
  if (argv.length === 0) {
    logger.log('warning', `Warning: no config file specified, using the default config. In order to specify a config file use ${process.argv[1] ?? 'fakeredis-server'} /path/to/redis.conf`);
  } else {
    logger.log(startLevel, 'Configuration loaded');
  }
  if (settings.notApplied.length > 0) {
    logger.log('warning', `Warning: fakeredis accepts but does not act on: ${settings.notApplied.join(', ')}`);
  }
  logger.role = 'M';
  logger.log('notice', 'monotonic clock: POSIX clock_gettime');

  // initServer: the signal handlers first, then the listeners.
  const pidfile = settings.pidfile !== '' ? settings.pidfile : settings.daemonize ? DEFAULT_PIDFILE : undefined;
  let exiting = false;
  // finishShutdown, for SHUTDOWN and the signals: prepareForShutdown ("User requested
  // shutdown...", the final RDB snapshot) ran before, in SHUTDOWN's handler or on a signal below.
  const shutdown = () => {
    if (exiting) return;
    exiting = true;
    if (pidfile !== undefined) {
      logger.log('notice', 'Removing the pid file.');
      try {
        unlinkSync(pidfile);
      } catch {
        // already gone
      }
    }
    if (settings.unixSocket !== undefined) {
      logger.log('notice', 'Removing the unix socket file.');
      try {
        unlinkSync(settings.unixSocket);
      } catch (error) {
        // Closing the listener may have removed it already.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger.log('warning', `Error removing the unix socket file: ${strerror(error)}`);
      }
    }
    logger.log('warning', 'Redis is now ready to exit, bye bye...');
    for (const peer of peers) peer.server.close();
    void Promise.all([tcp.close(), ...peers.map((peer) => peer.close())]).then(() => process.exit(0));
  };
  server.onClose(shutdown);
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    // A second SIGINT while shutting down exits at once, with an error (sigShutdownHandler).
    if (exiting && signal === 'SIGINT') {
      logger.logFromHandler('You insist... exiting now.');
      process.exit(1);
    }
    logger.logFromHandler(`Received ${signal} scheduling shutdown...`);
    // The shutdown runs from the event loop, as Redis runs it from serverCron, after the
    // final save when save points are set; a save that fails keeps the server running.
    // With lagging replicas it first waits for them, then closes the server itself.
    setImmediate(() => {
      const outcome = prepareForShutdown(server, signalShutdownFlags(server, signal));
      if (outcome === 'failed') {
        logger.log('warning', `${signal} received but errors trying to shut down the server, check the logs for more information`);
        return;
      }
      if (outcome === 'exit') server.close();
    });
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  // Redis ignores SIGHUP (a closed terminal does not stop it); Node already ignores SIGPIPE.
  process.on('SIGHUP', () => {});

  // A long-running server warms the Lua engine up front, so its first EVAL is as quick as
  // the next (a library timing its first script, as redlock's tests do, sees no start-up).
  // Before listening: Redis serves no client before it is ready either.
  await preloadLuaEngine();
  const runningMode = `Running mode=${server.config.getBoolean('cluster-enabled') ? 'cluster' : 'standalone'}, port=${settings.port}.`;
  // Redis 7.2 opens its listeners after this line, 7.0 before.
  if (v72) logger.log('notice', runningMode);
  try {
    await tcp.listen();
    for (const peer of peers) await peer.listen();
  } catch (error) {
    if (!(error instanceof ListenError)) throw error;
    const endpoint = error.endpoint;
    if (endpoint.kind === 'tcp') logger.log('warning', `Failed listening on port ${endpoint.port} (${v72 ? 'tcp' : 'TCP'}), aborting.`);
    else if (endpoint.kind === 'unix') logger.log('warning', error.message);
    else logger.log('warning', 'Configured to not listen anywhere, exiting.');
    process.exit(1);
  }
  if (pidfile !== undefined) {
    // A daemon's default pidfile becomes its pidfile setting (CONFIG GET, CONFIG REWRITE).
    server.config.initialize('pidfile', pidfile);
    try {
      writeFileSync(pidfile, `${process.pid}\n`);
    } catch {
      // best effort, as createPidFile
    }
  }
  if (configPath !== undefined) {
    const path = configPath;
    server.moduleState(CONFIG_FILE).current = { path, rewrite: () => rewriteConfigFile(path, server) };
  }
  if (!v72) logger.log('notice', runningMode);
  logger.log(startLevel, 'Server initialized');
  // moduleLoadFromQueue: each loadmodule'd module once (several mixins may stand for one).
  const modulesLogged = new Set<string>();
  for (const { redisModule } of settings.modules) {
    if (redisModule === undefined || modulesLogged.has(redisModule.name)) continue;
    modulesLogged.add(redisModule.name);
    logger.log('notice', `Module '${redisModule.name}' loaded from ${redisModule.path ?? ''}`);
  }
  // ACLLoadUsersAtStartup: the configuration's `user` directives.
  const aclProblem = loadConfiguredUsers(server, settings.users);
  if (aclProblem !== undefined) {
    for (const line of aclProblem) logger.log('warning', line);
    process.exit(1);
  }
  // loadDataFromDisk: the AOF with appendonly yes (opened for appending, a base file written
  // when there is none), else dir/dbfilename when it exists; then save points on. A file
  // that cannot be loaded ends the process (its reason is logged), as in Redis.
  try {
    const started = process.hrtime.bigint();
    enablePersistence(server);
    if (!server.config.getBoolean('appendonly') && persistenceState(server).lastLoadKeysLoaded + persistenceState(server).lastLoadKeysExpired > 0) {
      logger.log('notice', `DB loaded from disk: ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(3)} seconds`);
    }
  } catch (error) {
    if (!(error instanceof RdbError)) throw error;
    process.exit(1);
  }
  const listensTcp = tcp.addresses.some((a) => 'port' in a);
  if (v72) {
    if (listensTcp) logger.log('notice', 'Ready to accept connections tcp');
    if (settings.unixSocket !== undefined) logger.log('notice', 'Ready to accept connections unix');
  } else {
    if (listensTcp) logger.log('notice', 'Ready to accept connections');
    if (settings.unixSocket !== undefined) logger.log('notice', `The server is now ready to accept connections at ${settings.unixSocket}`);
  }
  const maxmemory = server.config.getNumber('maxmemory');
  if (maxmemory > 0 && maxmemory < 1024 * 1024) {
    logger.log('warning', `WARNING: You specified a maxmemory value that is less than 1MB (current value is ${maxmemory} bytes). Are you sure this is what you really want?`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`fakeredis-server: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
