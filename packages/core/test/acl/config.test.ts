import { describe, expect, it } from 'vitest';
import { checkUserDirective, coreMixins, FakeServer, loadConfiguredUsers } from '../../src/index.js';

// `user` directives of a configuration file, with the texts redis-server 7.0.15 printed
// for the same lines (`redis-server --user bob on badrule` and so on).
describe('user directives', () => {
  it('checks each directive while the file is read', () => {
    const server = new FakeServer({ mixins: [...coreMixins] });
    const pending: string[][] = [];
    expect(checkUserDirective(server, pending, ['bob', 'on', 'badrule'])).toBe("Error in user declaration 'bob': Syntax error");
    expect(checkUserDirective(server, pending, ['bob', 'on'])).toBeUndefined();
    expect(checkUserDirective(server, pending, ['bob', 'off'])).toBe(
      "Error in user declaration 'bob': Duplicate user found. A user can only be defined once in config files",
    );
    // An unknown command is found at start-up only.
    expect(checkUserDirective(server, pending, ['al', 'on', '+nope'])).toBeUndefined();
    expect(loadConfiguredUsers(server, pending)).toEqual([
      "Error loading ACL rule '+nope' for the user named 'al': Unknown command or category name in ACL",
      'Critical error while loading ACLs. Exiting.',
    ]);
  });

  it('loads the users at start-up; default is reset first', () => {
    const server = new FakeServer({ mixins: [...coreMixins] });
    const pending: string[][] = [];
    expect(checkUserDirective(server, pending, ['default', 'off', '>pw'])).toBeUndefined();
    expect(checkUserDirective(server, pending, ['al', 'on', 'nopass', '~*', '+@all'])).toBeUndefined();
    const logged: string[] = [];
    server.hooks.log = [(_level, message) => logged.push(message)];
    expect(loadConfiguredUsers(server, pending)).toBeUndefined();
    expect(server.command('AUTH', 'al', 'x')).toBe('OK');
    expect(server.command('ACL', 'LIST')).toEqual([
      'user al on nopass ~* resetchannels +@all',
      'user default off sanitize-payload #30c952fab122c3f9759f02a6d95c3758b246b4fee239957b2d4fee46e26170c4 resetchannels -@all',
    ]);
    expect(logged).toEqual(["The user 'default' is disabled (there is no 'on' modifier in the user description). Make sure this is not a configuration error."]);
  });
});
