import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisServerAvailable } from '@fakeredis/tooling/conformance';
import { referenceBinary, referenceEnv } from '@fakeredis/tooling/conformance/reference';
import { buildCli, cliEnv, cliPath, freePort, rawConnection, redisCli } from './helpers.js';

/**
 * fakeredis-server as an operator sees it, side by side with redis-server 7.0.15 started
 * the same way (same redis.conf, options, signals): log lines (pid and time normalized),
 * exit codes, pidfiles, stderr, and replies.
 */

type Kind = 'real' | 'fake';

interface Proc {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

const dirs: string[] = [];

function workdir(kind: Kind): string {
  const dir = mkdtempSync(join(tmpdir(), `fakeredis-op-${kind}-`));
  dirs.push(dir);
  return dir;
}

/** Starts redis-server (or the reference binary `version` names) or fakeredis-server emulating that version. */
function start(kind: Kind, args: string[], cwd: string, input?: string, reference?: { binary: string; version: string }): Proc {
  const [command, argv] =
    kind === 'real'
      ? [reference?.binary ?? 'redis-server', args]
      : [process.execPath, [cliPath, ...args, ...(reference ? ['--server-version', reference.version] : [])]];
  const child = spawn(command, argv, { cwd, env: cliEnv, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  if (input !== undefined) child.stdin?.end(input);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString('latin1')));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('latin1')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function until(condition: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits for a server's line saying it is ready; fails at once, with its output, if it exited instead. */
async function ready(p: Proc, who: string, text = 'Ready to accept connections'): Promise<void> {
  await until(() => p.stdout().includes(text) || p.child.exitCode !== null, `${who} to start`);
  if (!p.stdout().includes(text)) throw new Error(`${who} exited with ${p.child.exitCode} before it was ready: ${p.stdout()}${p.stderr()}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Log lines with pid and time replaced, and the lines only one side prints dropped:
 * redis-server's warnings about this host's kernel (overcommit, somaxconn), which concern
 * forking and backlogs fakeredis does not have, and fakeredis's line naming the
 * directives it does not act on.
 */
function normalize(log: string, replace: Record<string, string> = {}): string[] {
  return log
    .split('\n')
    .filter((line) => line !== '' && !/WARNING Memory overcommit|WARNING: The TCP backlog|Warning: fakeredis accepts/.test(line))
    .map((line) => {
      let out = line
        .replace(/^\d+:([CMS]) \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d\.\d{3} /, 'PID:$1 TIME ')
        .replace(/^\d+:signal-handler \(\d+\) /, 'PID:signal-handler (TIME) ')
        .replace(/commit=[^,]+/, 'commit=COMMIT')
        .replace(/pid=\d+/, 'pid=PID');
      for (const [from, to] of Object.entries(replace)) out = out.split(from).join(to);
      return out;
    });
}

const available = redisServerAvailable();

describe.skipIf(!available)('fakeredis-server run as redis-server is run', () => {
  beforeAll(() => buildCli(), 120_000);
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('starts from a redis.conf, logs to stdout, ignores SIGHUP, and exits 0 on SIGTERM', async () => {
    const run = async (kind: Kind) => {
      const dir = workdir(kind);
      const port = await freePort();
      writeFileSync(join(dir, 'redis.conf'), `port ${port}\nbind 127.0.0.1\nsave ""\nloglevel notice\n`);
      const p = start(kind, ['redis.conf'], dir);
      await ready(p, kind);
      // SIGHUP is ignored, silently.
      p.child.kill('SIGHUP');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const ping = await redisCli(['-p', String(port), 'PING']);
      p.child.kill('SIGTERM');
      return { code: await p.exited, ping: ping.stdout, log: normalize(p.stdout(), { [String(port)]: 'PORT' }), stderr: p.stderr() };
    };
    const [real, fake] = await Promise.all([run('real'), run('fake')]);
    expect(real).toEqual({
      code: 0,
      ping: 'PONG\n',
      stderr: '',
      log: [
        'PID:C TIME # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
        'PID:C TIME # Redis version=7.0.15, bits=64, commit=COMMIT, modified=0, pid=PID, just started',
        'PID:C TIME # Configuration loaded',
        'PID:M TIME * monotonic clock: POSIX clock_gettime',
        'PID:M TIME * Running mode=standalone, port=PORT.',
        'PID:M TIME # Server initialized',
        'PID:M TIME * Ready to accept connections',
        'PID:signal-handler (TIME) Received SIGTERM scheduling shutdown...',
        'PID:M TIME # User requested shutdown...',
        'PID:M TIME # Redis is now ready to exit, bye bye...',
      ],
    });
    expect(fake).toEqual(real);
  });

  it("runs from the distribution's own redis.conf, as redis-server does", async () => {
    const stock = '/etc/redis/redis.conf';
    try {
      accessSync(stock, constants.R_OK);
    } catch {
      return; // redis-server installed without its configuration file
    }
    const run = async (kind: Kind) => {
      const dir = workdir(kind);
      const port = await freePort();
      // The stock file daemonizes, logs to /var/log/redis and keeps its data in /var/lib/redis:
      // options after it keep this server in the foreground and in its own directory.
      const p = start(kind, [stock, '--port', String(port), '--daemonize', 'no', '--logfile', '', '--pidfile', join(dir, 'redis.pid'), '--dir', dir], dir);
      await ready(p, kind);
      const ping = (await redisCli(['-p', String(port), 'PING'])).stdout;
      await redisCli(['-p', String(port), 'SHUTDOWN']);
      const code = await p.exited;
      return { code, ping, log: normalize(p.stdout(), { [String(port)]: 'PORT' }), stderr: p.stderr(), pidfileLeft: existsSync(join(dir, 'redis.pid')) };
    };
    const [real, fake] = await Promise.all([run('real'), run('fake')]);
    expect(real).toMatchObject({ code: 0, ping: 'PONG\n', stderr: '', pidfileLeft: false });
    expect(real.log).toContain('PID:C TIME # Configuration loaded');
    expect(real.log.at(-1)).toBe('PID:M TIME # Redis is now ready to exit, bye bye...');
    expect(fake).toEqual(real);
  });

  it('accepts every directive redis-server writes with DEBUG CONFIG-REWRITE-FORCE-ALL', async () => {
    // redis-server writes all its parameters into a file...
    const source = workdir('real');
    const first = await freePort();
    writeFileSync(join(source, 'redis.conf'), `port ${first}\nbind 127.0.0.1\nsave ""\nenable-debug-command yes\n`);
    const writer = start('real', ['redis.conf'], source);
    await ready(writer, 'redis-server');
    expect((await redisCli(['-p', String(first), 'DEBUG', 'CONFIG-REWRITE-FORCE-ALL'])).stdout).toBe('OK\n');
    await redisCli(['-p', String(first), 'SHUTDOWN', 'NOSAVE']);
    await writer.exited;
    const all = readFileSync(join(source, 'redis.conf'), 'latin1');
    // ...and both servers start from it.
    const run = async (kind: Kind) => {
      const dir = workdir(kind);
      const port = await freePort();
      writeFileSync(join(dir, 'redis.conf'), all.replace(`port ${first}\n`, `port ${port}\n`).split(source).join(dir));
      const p = start(kind, ['redis.conf'], dir);
      await until(() => p.stdout().includes('Ready to accept connections') || p.child.exitCode !== null, `${kind} to start`);
      await redisCli(['-p', String(port), 'SHUTDOWN', 'NOSAVE']);
      return { code: await p.exited, log: normalize(p.stdout(), { [String(port)]: 'PORT' }), stderr: p.stderr() };
    };
    const [real, fake] = await Promise.all([run('real'), run('fake')]);
    expect(all.split('\n').length).toBeGreaterThan(150);
    expect(real).toMatchObject({ code: 0, stderr: '' });
    expect(fake).toEqual(real);
  });

  it('reads its configuration from stdin with -, serves a Unix socket, and exits 0 on SIGINT', async () => {
    const run = async (kind: Kind) => {
      const dir = workdir(kind);
      const port = await freePort();
      const p = start(kind, ['-'], dir, `port ${port}\nbind 127.0.0.1\nsave ""\nunixsocket s.sock\n`);
      await ready(p, kind, 'ready to accept connections at');
      const ping = await redisCli(['-s', join(dir, 's.sock'), 'PING']);
      p.child.kill('SIGINT');
      const code = await p.exited;
      return { code, ping: ping.stdout, socketLeft: existsSync(join(dir, 's.sock')), log: normalize(p.stdout(), { [String(port)]: 'PORT' }) };
    };
    const [real, fake] = await Promise.all([run('real'), run('fake')]);
    expect(real.log).toContain('PID:C TIME # Reading config from stdin');
    expect(real.log).toContain('PID:M TIME * The server is now ready to accept connections at s.sock');
    expect(real.log).toContain('PID:M TIME * Removing the unix socket file.');
    expect(real).toMatchObject({ code: 0, ping: 'PONG\n', socketLeft: false });
    expect(fake).toEqual(real);
  });

  it('daemonizes with a pidfile and a logfile in its dir, and removes the pidfile on SHUTDOWN', async () => {
    const run = async (kind: Kind) => {
      const top = workdir(kind);
      // `dir` changes the working directory: the pidfile and logfile are found there.
      const dir = join(top, 'data');
      mkdirSync(dir);
      const port = await freePort();
      writeFileSync(join(top, 'redis.conf'), `port ${port}\nbind 127.0.0.1\ndaemonize yes\ndir data\npidfile redis.pid\nlogfile "redis.log"\n`);
      const p = start(kind, ['redis.conf', '--save', ''], top);
      const code = await p.exited;
      const pidfile = join(dir, 'redis.pid');
      await until(() => existsSync(pidfile) && readFileSync(pidfile, 'utf8').endsWith('\n'), `${kind}'s pidfile`);
      await until(() => existsSync(join(dir, 'redis.log')) && readFileSync(join(dir, 'redis.log'), 'latin1').includes('Ready to accept connections'), `${kind} to start`);
      const pid = Number(readFileSync(pidfile, 'utf8'));
      const info = (await redisCli(['-p', String(port), 'INFO', 'server'])).stdout;
      const config =
        (await redisCli(['-p', String(port), 'CONFIG', 'GET', 'pidfile'])).stdout +
        (await redisCli(['-p', String(port), 'CONFIG', 'GET', 'dir'])).stdout.replace(dir, 'DIR');
      const daemonAlive = alive(pid);
      await redisCli(['-p', String(port), 'SHUTDOWN']);
      await until(() => !alive(pid), `${kind} to exit`);
      return {
        code,
        stdout: p.stdout(),
        daemon: pid !== p.child.pid && daemonAlive && info.includes(`process_id:${pid}\r`),
        config,
        pidfileLeft: existsSync(pidfile),
        log: normalize(readFileSync(join(dir, 'redis.log'), 'latin1'), { [String(port)]: 'PORT' }),
      };
    };
    const [real, fake] = await Promise.all([run('real'), run('fake')]);
    expect(real).toMatchObject({ code: 0, stdout: '', daemon: true, config: 'pidfile\nredis.pid\ndir\nDIR\n', pidfileLeft: false });
    expect(real.log.slice(-3)).toEqual([
      'PID:M TIME # User requested shutdown...',
      'PID:M TIME * Removing the pid file.',
      'PID:M TIME # Redis is now ready to exit, bye bye...',
    ]);
    expect(fake).toEqual(real);
  });

  it('writes /var/run/redis.pid when daemonized without a pidfile', async () => {
    const pidfile = '/var/run/redis.pid';
    try {
      accessSync('/var/run', constants.W_OK);
    } catch {
      return; // not root
    }
    // Other redis-servers of this machine may use the same file: each server is followed by its pid.
    const run = async (kind: Kind) => {
      const dir = workdir(kind);
      const port = await freePort();
      const p = start(kind, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--daemonize', 'yes'], dir);
      const code = await p.exited;
      let info = '';
      await until(() => /process_id:\d+/.test(info) || (void redisCli(['-p', String(port), 'INFO', 'server']).then((r) => (info = r.stdout)), false), `${kind} daemon`);
      const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
      const holds = () => existsSync(pidfile) && readFileSync(pidfile, 'utf8') === `${pid}\n`;
      await until(holds, `${kind}'s pidfile`);
      const config = (await redisCli(['-p', String(port), 'CONFIG', 'GET', 'pidfile'])).stdout;
      await redisCli(['-p', String(port), 'SHUTDOWN']);
      await until(() => !alive(pid), `${kind} to exit`);
      return { code, daemon: pid !== p.child.pid, config, pidfileLeft: holds() };
    };
    // One after the other: both use the same file.
    const real = await run('real');
    const fake = await run('fake');
    expect(real).toEqual({ code: 0, daemon: true, config: `pidfile\n${pidfile}\n`, pidfileLeft: false });
    expect(fake).toEqual(real);
  });

  it('says "User requested shutdown..." before the final save, on SIGTERM and on SHUTDOWN', async () => {
    const run = async (kind: Kind, how: 'SIGTERM' | 'SHUTDOWN') => {
      const dir = workdir(kind);
      const port = await freePort();
      writeFileSync(join(dir, 'redis.conf'), `port ${port}\nbind 127.0.0.1\nsave 900 1\n`);
      const p = start(kind, ['redis.conf'], dir);
      await ready(p, kind);
      await redisCli(['-p', String(port), 'SET', 'k', 'v']);
      if (how === 'SIGTERM') p.child.kill('SIGTERM');
      else await redisCli(['-p', String(port), 'SHUTDOWN']);
      const code = await p.exited;
      const log = normalize(p.stdout(), { [String(port)]: 'PORT' });
      return { code, saved: existsSync(join(dir, 'dump.rdb')), shutdown: log.slice(log.indexOf('PID:M TIME * Ready to accept connections') + 1) };
    };
    const [real, fake] = await Promise.all([
      Promise.all([run('real', 'SIGTERM'), run('real', 'SHUTDOWN')]),
      Promise.all([run('fake', 'SIGTERM'), run('fake', 'SHUTDOWN')]),
    ]);
    expect(real[0]).toEqual({
      code: 0,
      saved: true,
      shutdown: [
        'PID:signal-handler (TIME) Received SIGTERM scheduling shutdown...',
        'PID:M TIME # User requested shutdown...',
        'PID:M TIME * Saving the final RDB snapshot before exiting.',
        'PID:M TIME * DB saved on disk',
        'PID:M TIME # Redis is now ready to exit, bye bye...',
      ],
    });
    expect(fake).toEqual(real);
  });

  it('answers to the names rename-command gives, and no longer to the old ones', async () => {
    const run = async (kind: Kind) => {
      const dir = workdir(kind);
      const port = await freePort();
      writeFileSync(
        join(dir, 'redis.conf'),
        `port ${port}\nbind 127.0.0.1\nsave ""\nrename-command get myget\nrename-command FLUSHALL ""\nrename-command config cfg\n`,
      );
      const p = start(kind, ['redis.conf'], dir);
      await ready(p, kind);
      const replies: string[] = [];
      const commands = [
        ['SET', 'a', '1'], ['GET', 'a'], ['myget', 'a'], ['MYGET', 'a'], ['FLUSHALL'],
        ['COMMAND', 'INFO', 'myget'], ['COMMAND', 'INFO', 'get'], ['cfg', 'GET', 'port'], ['CONFIG', 'GET', 'port'],
        ['COMMAND', 'GETKEYS', 'myget', 'a'], ['EVAL', "return redis.call('get', 'a')", '0'], ['EVAL', "return redis.call('myget', 'a')", '0'],
      ];
      for (const args of commands) replies.push((await redisCli(['-p', String(port), ...args])).stdout.split(String(port)).join('PORT'));
      const list = (await redisCli(['-p', String(port), 'COMMAND', 'LIST'])).stdout.split('\n');
      replies.push(['get', 'myget', 'flushall', 'config', 'cfg'].filter((name) => list.includes(name)).join(' '));
      replies.push((await redisCli(['-p', String(port), 'INFO', 'commandstats'])).stdout.includes('cmdstat_get:calls=') ? 'get counted as get' : 'no');
      await redisCli(['-p', String(port), 'SHUTDOWN']);
      return { code: await p.exited, replies };
    };
    const [real, fake] = await Promise.all([run('real'), run('fake')]);
    expect(real.replies.slice(0, 5)).toEqual([
      'OK\n',
      "ERR unknown command 'GET', with args beginning with: 'a' \n\n",
      '1\n',
      '1\n',
      "ERR unknown command 'FLUSHALL', with args beginning with: \n\n",
    ]);
    expect(fake).toEqual(real);
  });

  it('aborts with exit code 1 when its port is taken', async () => {
    const blocker: Server = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const run = async (kind: Kind) => {
        const p = start(kind, ['--port', String(port), '--bind', '127.0.0.1', '--save', ''], workdir(kind));
        return { code: await p.exited, log: normalize(p.stdout(), { [String(port)]: 'PORT' }), stderr: p.stderr() };
      };
      const [real, fake] = await Promise.all([run('real'), run('fake')]);
      expect(real.code).toBe(1);
      expect(real.log.slice(-2)).toEqual([
        'PID:M TIME # Warning: Could not create server TCP listening socket 127.0.0.1:PORT: bind: Address already in use',
        'PID:M TIME # Failed listening on port PORT (TCP), aborting.',
      ]);
      expect(fake).toEqual(real);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('refuses bad configurations as redis-server does', async () => {
    const cases: Array<{ args: string[]; file?: string }> = [
      { args: ['redis.conf'], file: 'port 7\n# c\nsave 900 1\nfoo bar\n' },
      { args: ['redis.conf', '--port', 'abc'], file: 'port 1\n' },
      { args: ['redis.conf'], file: 'port "7000\n' },
      { args: ['redis.conf'], file: 'port 1\ninclude missing.conf\n' },
      { args: ['missing.conf'] },
      { args: ['--maxmemory', '1', '2'] },
      { args: ['--rename-command', 'nosuch', 'x'] },
      { args: ['--logfile', 'nodir/x.log'] },
      { args: ['--requirepass', '--port', '--save', '--port', '1', '--bogus'] },
      { args: ['--databases', '0'] },
      { args: ['--port', '0', '--save', ''] },
      { args: ['--bind', '127.0.0.1', '--port', '0', '--save', '', '--unixsocket', 'nodir/s.sock'] },
    ];
    const run = async (kind: Kind, { args, file }: { args: string[]; file?: string }) => {
      const dir = workdir(kind);
      if (file !== undefined) writeFileSync(join(dir, 'redis.conf'), file);
      const p = start(kind, args, dir);
      return { args, code: await p.exited, stdout: normalize(p.stdout(), { [dir]: 'DIR' }), stderr: p.stderr() };
    };
    const [real, fake] = await Promise.all([
      Promise.all(cases.map((c) => run('real', c))),
      Promise.all(cases.map((c) => run('fake', c))),
    ]);
    expect(real[0]).toEqual({
      args: ['redis.conf'],
      code: 1,
      stdout: [],
      stderr: "\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line 4\n>>> 'foo bar'\nBad directive or wrong number of arguments\n",
    });
    expect(real.every((r) => r.code === 1)).toBe(true);
    expect(fake).toEqual(real);
  });

  it('moves its listener on CONFIG SET port and bind, rolling back what cannot be bound', async () => {
    const blocker: Server = createServer();
    const busy = await freePort();
    await new Promise<void>((resolve) => blocker.listen(busy, '127.0.0.1', resolve));
    try {
      const run = async (kind: Kind) => {
        const dir = workdir(kind);
        const [port, moved, again] = [await freePort(), await freePort(), await freePort()];
        const names = { [String(port)]: 'PORT', [String(moved)]: 'MOVED', [String(again)]: 'AGAIN', [String(busy)]: 'BUSY' };
        const p = start(kind, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--unixsocket', 's.sock'], dir);
        await ready(p, kind, 'ready to accept connections at');
        const connected = await rawConnection({ port });
        const sock = join(dir, 's.sock');
        const steps: string[] = [];
        const cli = async (args: string[]) => {
          const r = await redisCli(args);
          steps.push(normalize(`${args.filter((a) => a !== sock).join(' ')} -> ${r.stdout}${r.stderr}`.replace(/\n+$/, ''), names).join(' | '));
        };
        await cli(['-s', sock, 'CONFIG', 'SET', 'port', String(busy)]);
        await cli(['-s', sock, 'CONFIG', 'GET', 'port']);
        await cli(['-s', sock, 'CONFIG', 'SET', 'port', String(moved), 'maxmemory-policy', 'allkeys-lru']);
        await cli(['-p', String(port), 'PING']);
        await cli(['-p', String(moved), 'CONFIG', 'GET', 'port']);
        await cli(['-s', sock, 'CONFIG', 'SET', 'bind', '127.0.0.1 10.255.255.1']);
        await cli(['-s', sock, 'CONFIG', 'SET', 'bind', '127.0.0.1 -10.255.255.1']);
        await cli(['-p', String(moved), 'CONFIG', 'GET', 'bind']);
        await cli(['-s', sock, 'CONFIG', 'SET', 'maxmemory-policy', 'noeviction', 'port', String(busy)]);
        await cli(['-s', sock, 'CONFIG', 'GET', 'maxmemory-policy']);
        await cli(['-s', sock, 'CONFIG', 'SET', 'unixsocket', 'other.sock']);
        await cli(['-s', sock, 'CONFIG', 'SET', 'port', '0']);
        await cli(['-p', String(moved), 'PING']);
        await cli(['-s', sock, 'CONFIG', 'SET', 'port', String(again)]);
        await cli(['-p', String(again), 'PING']);
        await cli(['-s', sock, 'CONFIG', 'SET', 'bind', '']);
        await cli(['-p', String(again), 'PING']);
        // A client connected before the moves is still served.
        connected.socket.write('PING\r\n');
        await connected.waitFor('+PONG\r\n');
        connected.socket.destroy();
        await redisCli(['-s', sock, 'SHUTDOWN']);
        return { code: await p.exited, steps, log: normalize(p.stdout(), names) };
      };
      const [real, fake] = await Promise.all([run('real'), run('fake')]);
      expect(real.steps).toEqual([
        "CONFIG SET port BUSY -> ERR CONFIG SET failed (possibly related to argument 'port') - Unable to listen on this port. Check server logs.",
        'CONFIG GET port -> port | PORT',
        'CONFIG SET port MOVED maxmemory-policy allkeys-lru -> OK',
        '-p PORT PING -> Could not connect to Redis at 127.0.0.1:PORT: Connection refused',
        '-p MOVED CONFIG GET port -> port | MOVED',
        "CONFIG SET bind 127.0.0.1 10.255.255.1 -> ERR CONFIG SET failed (possibly related to argument 'bind') - Failed to bind to specified addresses.",
        'CONFIG SET bind 127.0.0.1 -10.255.255.1 -> OK',
        '-p MOVED CONFIG GET bind -> bind | 127.0.0.1 -10.255.255.1',
        "CONFIG SET maxmemory-policy noeviction port BUSY -> ERR CONFIG SET failed (possibly related to argument 'port') - Unable to listen on this port. Check server logs.",
        'CONFIG GET maxmemory-policy -> maxmemory-policy | allkeys-lru',
        "CONFIG SET unixsocket other.sock -> ERR CONFIG SET failed (possibly related to argument 'unixsocket') - can't set immutable config",
        'CONFIG SET port 0 -> OK',
        '-p MOVED PING -> Could not connect to Redis at 127.0.0.1:MOVED: Connection refused',
        'CONFIG SET port AGAIN -> OK',
        '-p AGAIN PING -> PONG',
        'CONFIG SET bind  -> OK',
        '-p AGAIN PING -> Could not connect to Redis at 127.0.0.1:AGAIN: Connection refused',
      ].map((s) => s.replace(/^(CONFIG)/, '-s $1')));
      expect(real.log).toContain('PID:M TIME # Failed applying new configuration. Possibly related to new port setting. Restoring previous settings.');
      expect(real.log).toContain('PID:M TIME # Failed to bind');
      expect(fake).toEqual(real);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('rewrites its configuration file on CONFIG REWRITE', async () => {
    const run = async (kind: Kind) => {
      const dir = workdir(kind);
      const port = await freePort();
      writeFileSync(join(dir, 'empty.conf'), '');
      const conf = join(dir, 'redis.conf');
      writeFileSync(
        conf,
        [
          '# test config', `port ${port}`, 'bind 127.0.0.1', 'save 900 1', 'save 300 10', 'include empty.conf', 'rename-command FLUSHALL ""',
          '', 'loglevel notice', '', '', 'maxmemory 100mb', 'logfile "redis.log"', 'hash-max-ziplist-entries 64', 'appendonly no', '',
        ].join('\n'),
      );
      const p = start(kind, ['redis.conf'], dir);
      await until(() => existsSync(join(dir, 'redis.log')) && readFileSync(join(dir, 'redis.log'), 'latin1').includes('Ready to accept'), `${kind} to start`);
      const replies: string[] = [];
      const cli = async (...args: string[]) => replies.push((await redisCli(['-p', String(port), '--no-auth-warning', ...args])).stdout);
      await cli('INFO', 'server');
      replies[0] = /config_file:(.*)\r/.exec(replies[0] as string)?.[1] === conf ? 'config_file ok' : (replies[0] as string);
      await cli('CONFIG', 'SET', 'maxmemory', '200mb', 'save', '', 'maxmemory-policy', 'allkeys-lru', 'notify-keyspace-events', 'KEA');
      await cli('CONFIG', 'SET', 'client-output-buffer-limit', 'pubsub 64mb 16mb 60', 'hz', '20', 'maxmemory-clients', '10%');
      await cli('CONFIG', 'SET', 'requirepass', 'a b"c');
      await cli('-a', 'a b"c', 'CONFIG', 'REWRITE');
      await cli('-a', 'a b"c', 'SHUTDOWN');
      const code = await p.exited;
      const log = normalize(readFileSync(join(dir, 'redis.log'), 'latin1'), { [String(port)]: 'PORT' });
      const text = readFileSync(conf, 'latin1').split(String(port)).join('PORT').split(dir).join('DIR');
      const [head, tail = ''] = text.split('# Generated by CONFIG REWRITE\n');
      // Redis appends in the order of a hash table seeded at random: the tail is compared as a set.
      return { code, replies, head, tail: tail.split('\n').sort(), log };
    };
    const [real, fake] = await Promise.all([run('real'), run('fake')]);
    expect(real.head).toBe(
      '# test config\nport PORT\nbind 127.0.0.1\nsave ""\n\ninclude empty.conf\nrename-command FLUSHALL ""\n\nloglevel notice\n\nmaxmemory 200mb\nlogfile "redis.log"\nhash-max-listpack-entries 64\nappendonly no\n\n',
    );
    expect(real.tail).toContain('dir "DIR"');
    expect(real.log).toContain('PID:M TIME # CONFIG REWRITE executed with success.');
    expect(real.replies.slice(0, 5)).toEqual(['config_file ok', 'OK\n', 'OK\n', 'OK\n', 'OK\n']);
    expect(fake).toEqual(real);
  });

  it('writes its own bind default (127.0.0.1, not Redis\'s "* -::*") on CONFIG REWRITE', async () => {
    const dir = workdir('fake');
    const port = await freePort();
    writeFileSync(join(dir, 'redis.conf'), `port ${port}\nsave ""\n`);
    const p = start('fake', ['redis.conf'], dir);
    await ready(p, 'fake');
    expect((await redisCli(['-p', String(port), 'CONFIG', 'GET', 'bind'])).stdout).toBe('bind\n127.0.0.1\n');
    expect((await redisCli(['-p', String(port), 'CONFIG', 'REWRITE'])).stdout).toBe('OK\n');
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    const rewritten = readFileSync(join(dir, 'redis.conf'), 'latin1');
    expect(rewritten.slice(rewritten.indexOf('# Generated by CONFIG REWRITE')).split('\n')).toContain('bind 127.0.0.1');
  });

  it('answers CONFIG REWRITE with an error when started without a config file', async () => {
    const run = async (kind: Kind) => {
      const port = await freePort();
      const p = start(kind, ['--port', String(port), '--bind', '127.0.0.1', '--save', ''], workdir(kind));
      await ready(p, kind);
      const reply = (await redisCli(['-p', String(port), 'CONFIG', 'REWRITE'])).stdout;
      p.child.kill('SIGTERM');
      return { reply, code: await p.exited };
    };
    const [real, fake] = await Promise.all([run('real'), run('fake')]);
    expect(real).toEqual({ reply: 'ERR The server is running without a config file\n\n', code: 0 });
    expect(fake).toEqual(real);
  });
});

/** Redis 7.2's start-up and shutdown lines, against a reference binary when FAKEREDIS_REDIS_7_2 names one. */
const binary72 = referenceBinary(referenceEnv('redis', '7.2'));

describe.skipIf(binary72 === undefined)('fakeredis-server --server-version 7.2 run as redis-server 7.2 is run', () => {
  const reference = { binary: binary72 as string, version: '7.2' };
  beforeAll(() => buildCli(), 120_000);
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('logs its start-up at notice level, each listener ready, and exits 0 on SIGTERM', async () => {
    const run = async (kind: Kind) => {
      const dir = workdir(kind);
      const port = await freePort();
      writeFileSync(join(dir, 'redis.conf'), `port ${port}\nbind 127.0.0.1\nsave ""\nunixsocket s.sock\n`);
      const p = start(kind, ['redis.conf'], dir, undefined, reference);
      await ready(p, kind, 'Ready to accept connections unix');
      p.child.kill('SIGTERM');
      return { code: await p.exited, log: normalize(p.stdout(), { [String(port)]: 'PORT' }) };
    };
    const [real, fake] = await Promise.all([run('real'), run('fake')]);
    expect(real.log).toEqual([
      'PID:C TIME * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
      'PID:C TIME * Redis version=7.2.4, bits=64, commit=COMMIT, modified=0, pid=PID, just started',
      'PID:C TIME * Configuration loaded',
      'PID:M TIME * monotonic clock: POSIX clock_gettime',
      'PID:M TIME * Running mode=standalone, port=PORT.',
      'PID:M TIME * Server initialized',
      'PID:M TIME * Ready to accept connections tcp',
      'PID:M TIME * Ready to accept connections unix',
      'PID:signal-handler (TIME) Received SIGTERM scheduling shutdown...',
      'PID:M TIME * User requested shutdown...',
      'PID:M TIME * Removing the unix socket file.',
      'PID:M TIME # Redis is now ready to exit, bye bye...',
    ]);
    expect(fake).toEqual(real);
  });

  it('aborts on a taken port with 7.2\'s words, and logs nothing at loglevel nothing', async () => {
    const blocker: Server = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const run = async (kind: Kind) => {
        const busy = start(kind, ['--port', String(port), '--bind', '127.0.0.1', '--save', ''], workdir(kind), undefined, reference);
        const quiet = start(kind, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--loglevel', 'nothing'], workdir(kind), undefined, reference);
        return {
          code: await busy.exited,
          log: normalize(busy.stdout(), { [String(port)]: 'PORT' }),
          quiet: { code: await quiet.exited, stdout: quiet.stdout() },
        };
      };
      const [real, fake] = await Promise.all([run('real'), run('fake')]);
      expect(real.log.slice(-3)).toEqual([
        'PID:M TIME * Running mode=standalone, port=PORT.',
        'PID:M TIME # Warning: Could not create server TCP listening socket 127.0.0.1:PORT: bind: Address already in use',
        'PID:M TIME # Failed listening on port PORT (tcp), aborting.',
      ]);
      expect(real.quiet).toEqual({ code: 1, stdout: '' });
      expect(fake).toEqual(real);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
