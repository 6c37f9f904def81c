import { describe, expect, it } from 'vitest';
import { aclCheckScriptCall, aclUserCanRun, type Bytes, coreMixins, FakeServer, serverProfile, trackingRememberKeys } from '../../src/index.js';
import { connect } from '../connection/wire.js';

// The checks core offers the scripting module for the commands a script calls (Redis's
// scriptVerifyACL, redis.acl_check_cmd and the tracking of a script's declared keys).
const b = (s: string) => s as Bytes;

function setUp(version = '7.0') {
  const server = new FakeServer({ mixins: [...coreMixins], profile: serverProfile('redis', version) });
  server.command('ACL', 'SETUSER', 'bob', 'on', 'nopass', '~k*', '-@all', '+exists', '+eval');
  const caller = connect(server);
  caller.send('AUTH', 'bob', 'x');
  const entry = (name: string) => server.commands.getByFullName(name) as NonNullable<ReturnType<typeof server.commands.getByFullName>>;
  return { server, caller, entry };
}

describe('aclCheckScriptCall', () => {
  it('allows, or returns 7.0\'s text and logs with context lua and the caller\'s CLIENT INFO', () => {
    const { server, caller, entry } = setUp();
    const evalArgv = [b('EVAL'), b('return 1'), b('0')];
    expect(aclCheckScriptCall(caller.client, evalArgv, entry('exists'), [b('EXISTS'), b('k1')])).toBeUndefined();
    expect(aclCheckScriptCall(caller.client, evalArgv, entry('exists'), [b('EXISTS'), b('z')])).toBe(
      "The user executing the script can't access at least one of the keys mentioned in the command arguments",
    );
    expect(aclCheckScriptCall(caller.client, evalArgv, entry('ping'), [b('PING')])).toBe("The user executing the script can't run this command or subcommand");
    const log = server.command('ACL', 'LOG') as Array<Record<string, unknown>>;
    expect(log.map((e) => [e.reason, e.context, e.object, e.username])).toEqual([
      ['command', 'lua', 'ping', 'bob'],
      ['key', 'lua', 'z', 'bob'],
    ]);
    expect(String(log[0]?.['client-info'])).toContain(' argv-mem=13 ');
  });

  it('7.2: "ACL failure in script: ..."', () => {
    const { caller, entry } = setUp('7.2');
    expect(aclCheckScriptCall(caller.client, [b('EVAL'), b('return 1'), b('0')], entry('ping'), [b('PING')])).toBe(
      "ACL failure in script: User bob has no permissions to run the 'ping' command",
    );
  });

  it('aclUserCanRun answers redis.acl_check_cmd without logging', () => {
    const { server, caller, entry } = setUp();
    expect(aclUserCanRun(caller.client, entry('exists'), [b('EXISTS'), b('k1')])).toBe(true);
    expect(aclUserCanRun(caller.client, entry('exists'), [b('EXISTS'), b('z')])).toBe(false);
    expect(aclUserCanRun(caller.client, entry('ping'), [b('PING')])).toBe(false);
    expect(server.command('ACL', 'LOG')).toEqual([]);
  });
});

describe('trackingRememberKeys', () => {
  it('remembers the keys a script declares for its tracking caller', () => {
    const server = new FakeServer({ mixins: [...coreMixins], config: { 'enable-debug-command': 'yes' } });
    const caller = connect(server);
    caller.send('HELLO', '3');
    caller.send('CLIENT', 'TRACKING', 'on');
    caller.send('DEBUG', 'POPULATE', '1', 'k');
    const evalEntry = server.commands.getByFullName('eval');
    // Without the scripting module EVAL is not installed; its metadata still names its keys.
    const spec = { ...server.commands.metadata.commands.EVAL, container: undefined };
    const entry = evalEntry ?? ({ fullName: 'eval', spec, flags: new Set<string>() } as unknown as NonNullable<typeof evalEntry>);
    trackingRememberKeys(caller.client, entry, [b('EVAL'), b('return 1'), b('1'), b('k:0')]);
    expect(String(server.command('INFO', 'stats'))).toContain('tracking_total_keys:1\r\n');
    expect(caller.send('DEL', 'k:0')).toBe(':1\r\n>2\r\n$10\r\ninvalidate\r\n*1\r\n$3\r\nk:0\r\n');
  });
});
