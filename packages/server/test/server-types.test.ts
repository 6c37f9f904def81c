import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { knownVersions } from '@fakeredis/core';
import { connectReal } from '@fakeredis/tooling/conformance';
import { beforeAll, describe, expect, it } from 'vitest';
import { TcpFakeServer } from '../src/index.js';
import { buildCli, cliEnv, cliPath } from './helpers.js';

beforeAll(() => buildCli(), 120_000);

describe('server types', () => {
  it('--help lists each type with its versions and which are checked against a real server', () => {
    const help = spawnSync(process.execPath, [cliPath, '--help'], { cwd: mkdtempSync(join(tmpdir(), 'fakeredis-cli-')), env: cliEnv, encoding: 'utf8' });
    const text = `${help.stdout}${help.stderr}`;
    expect(text).toContain('--server-type redis|valkey|keydb');
    expect(text).toContain(`  redis ${knownVersions('redis').join(', ')} (7.0 checked against redis-server 7.0.15;`);
    expect(text).toContain(`  valkey ${knownVersions('valkey').join(', ')} (8.0, 8.1 and 9.1 checked against valkey-server 8.0.1, 8.1.1 and 9.1.2 builds`);
    expect(text).toContain(`  keydb ${knownVersions('keydb').join(', ')} (6.3 checked against a keydb-server 6.3.4 build)`);
  });

  it('--server-type keydb serves KeyDB 6.3 (TcpFakeServer)', async () => {
    const tcp = await new TcpFakeServer({ serverType: 'keydb', port: 0 }).listen();
    const { conn, close } = await connectReal(tcp.port as number);
    try {
      const hello = await conn.send(['HELLO', '3']);
      expect(hello.t === 'map' && hello.v.slice(0, 2).map(([, v]) => ('v' in v ? v.v : undefined))).toEqual(['redis', '6.3.4']);
      const info = await conn.send(['INFO', 'server']);
      expect('v' in info && String(info.v)).toContain('# Server\r\nredis_version:6.3.4\r\n');
    } finally {
      close();
      await tcp.close();
    }
  });

  it('--server-type valkey serves Valkey 8.0 (TcpFakeServer)', async () => {
    const tcp = await new TcpFakeServer({ serverType: 'valkey', port: 0 }).listen();
    const { conn, close } = await connectReal(tcp.port as number);
    try {
      const hello = await conn.send(['HELLO', '3']);
      expect(hello.t === 'map' && hello.v.slice(0, 2).map(([, v]) => ('v' in v ? v.v : undefined))).toEqual(['valkey', '8.0.1']);
      const info = await conn.send(['INFO', 'server']);
      expect('v' in info && String(info.v)).toContain('server_name:valkey\r\nvalkey_version:8.0.1\r\n');
    } finally {
      close();
      await tcp.close();
    }
  });
});
