import { describe, expect, it } from 'vitest';
import { type Bytes, cString, defineMixin, ErrorReply, FakeServer, infoText, ServerCommands } from '../src/index.js';

describe('ErrorReply', () => {
  it('keeps the reply one line as addReplyErrorFormat does: CR/LF trimmed at the ends, spaces inside', () => {
    expect(new ErrorReply("ERR Unknown option - 'a\r\nb'").message).toBe("ERR Unknown option - 'a  b'");
    expect(new ErrorReply('ERR Unsupported option \nx\n').message).toBe('ERR Unsupported option  x');
    expect(new ErrorReply('\r\nERR x\r\n').message).toBe('ERR x');
    expect(new ErrorReply('ERR plain').message).toBe('ERR plain');
  });

  it('keeps CR/LF at the ends as spaces for a text written as given (DEBUG ERROR)', () => {
    expect(new ErrorReply('\nxx\r\n', true).message).toBe(' xx  ');
  });

  it('takes the code from a space in the first 32 bytes, else counts ERR (afterErrorReply)', () => {
    expect(new ErrorReply('WRONGTYPE Operation against a key').code).toBe('WRONGTYPE');
    expect(new ErrorReply(`${'C'.repeat(31)} x`).code).toBe('C'.repeat(31));
    expect(new ErrorReply(`${'C'.repeat(32)} x`).code).toBe('ERR');
    expect(new ErrorReply('NOSPACE').code).toBe('ERR');
    expect(new ErrorReply('').code).toBe('ERR');
  });

  it('INFO errorstats counts an error by that code', () => {
    const Failing = defineMixin({
      name: 'Failing',
      commands: { ECHO: (_client, argv) => new ErrorReply(argv[1] as string), PING: () => new ErrorReply('LONGCODEWITHOUTANYSPACEATALLSOFAR still') },
    });
    const server = new FakeServer({ mixins: [ServerCommands, Failing] });
    server.call('ECHO', 'NOSPACE');
    server.call('ECHO', 'MYCODE happened');
    server.call('PING');
    expect(infoText(server, ['errorstats' as Bytes])).toBe(
      '# Errorstats\r\nerrorstat_ERR:count=2\r\nerrorstat_MYCODE:count=1\r\n',
    );
    server.close();
  });
});

describe('cString', () => {
  it('stops at the first NUL byte', () => {
    expect(cString('abc')).toBe('abc');
    expect(cString('ab\0c\0')).toBe('ab');
    expect(cString('\0')).toBe('');
  });
});
