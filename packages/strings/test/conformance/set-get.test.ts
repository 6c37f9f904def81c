import { pipeline, runScenarios } from '@fakeredis/tooling/conformance';
import { bin, options } from './server.js';

runScenarios('strings: GET and SET', options, [
  { name: 'GET of a missing key, SET then GET', steps: [['GET', 'k'], ['SET', 'k', 'v'], ['GET', 'k'], ['SET', 'k', 'w'], ['GET', 'k']] },
  { name: 'arity errors', steps: [['GET'], ['GET', 'a', 'b'], ['SET', 'k'], ['SETNX', 'k'], ['SETEX', 'k', '1'], ['PSETEX', 'k'], ['GETSET', 'k'], ['GETDEL'], ['GETEX'], ['MGET'], ['MSET', 'k']] },
  { name: 'binary keys and values', steps: [
    ['SET', bin(0, 255, 13, 10), bin(0, 1, 2, 255, 0)], ['GET', bin(0, 255, 13, 10)], ['STRLEN', bin(0, 255, 13, 10)],
    ['SET', '', ''], ['GET', ''], ['EXISTS', ''], ['MGET', '', bin(0, 255, 13, 10), 'nope'],
  ] },
  { name: 'GET against other types is WRONGTYPE; SET overwrites any type', steps: [
    ['LPUSH', 'l', 'a'], ['GET', 'l'], ['SET', 'l', 'v'], ['GET', 'l'], ['TYPE', 'l'],
  ] },
  { name: 'SET NX and XX', steps: [
    ['SET', 'k', 'v', 'XX'], ['GET', 'k'], ['SET', 'k', 'v', 'NX'], ['SET', 'k', 'w', 'NX'], ['GET', 'k'],
    ['SET', 'k', 'x', 'XX'], ['GET', 'k'], ['SET', 'k', 'y', 'nx'], ['SET', 'k', 'y', 'xx'], ['GET', 'k'],
  ] },
  { name: 'SET NX and XX together, repeated options', steps: [
    ['SET', 'k', 'v', 'NX', 'XX'], ['SET', 'k', 'v', 'XX', 'NX'], ['SET', 'k', 'v', 'NX', 'NX'], ['GET', 'k'],
    ['SET', 'k', 'w', 'XX', 'XX'], ['GET', 'k'], ['SET', 'k', 'x', 'GET', 'GET'], ['SET', 'k', 'y', 'KEEPTTL', 'KEEPTTL'], ['GET', 'k'],
  ] },
  { name: 'SET GET returns the old value', steps: [
    ['SET', 'k', 'v', 'GET'], ['SET', 'k', 'w', 'GET'], ['GET', 'k'], ['LPUSH', 'l', 'a'], ['SET', 'l', 'v', 'GET'], ['TYPE', 'l'],
  ] },
  { name: 'SET NX GET (allowed since 7.0) and XX GET', steps: [
    ['SET', 'k', 'v', 'NX', 'GET'], ['GET', 'k'], ['SET', 'k', 'w', 'NX', 'GET'], ['GET', 'k'],
    ['SET', 'm', 'v', 'XX', 'GET'], ['EXISTS', 'm'], ['SET', 'k', 'x', 'GET', 'XX'], ['GET', 'k'],
  ] },
  { name: 'SET EX, PX, EXAT, PXAT set a TTL', steps: [
    ['SET', 'a', 'v', 'EX', '100'], ['TTL', 'a'], ['SET', 'b', 'v', 'PX', '100000'], ['TTL', 'b'],
    ['SET', 'c', 'v', 'EXAT', '4102444800'], ['EXPIRETIME', 'c'], ['SET', 'd', 'v', 'PXAT', '4102444800123'], ['PEXPIRETIME', 'd'],
    ['SET', 'e', 'v', 'ex', '100'], ['TTL', 'e'], ['SET', 'f', 'v', 'pXaT', '4102444800123'], ['PEXPIRETIME', 'f'],
  ] },
  { name: 'SET removes the TTL unless KEEPTTL', steps: [
    ['SET', 'k', 'v', 'EX', '100'], ['SET', 'k', 'w'], ['TTL', 'k'], ['SET', 'k', 'v', 'EX', '100'], ['SET', 'k', 'x', 'KEEPTTL'], ['TTL', 'k'], ['GET', 'k'],
    ['SET', 'n', 'v', 'KEEPTTL'], ['TTL', 'n'], ['SET', 'k', 'y', 'KEEPTTL', 'GET'], ['TTL', 'k'],
  ] },
  { name: 'expiry options conflict with each other and KEEPTTL', steps: [
    ['SET', 'k', 'v', 'EX', '10', 'PX', '100'], ['SET', 'k', 'v', 'PX', '10', 'EX', '100'], ['SET', 'k', 'v', 'EX', '10', 'EXAT', '100'],
    ['SET', 'k', 'v', 'EXAT', '10', 'PXAT', '100'], ['SET', 'k', 'v', 'KEEPTTL', 'EX', '10'], ['SET', 'k', 'v', 'PX', '10', 'KEEPTTL'],
    ['SET', 'k', 'v', 'EX', '10', 'EX', '20'], ['TTL', 'k'], ['SET', 'k', 'v', 'PX', '10000', 'PX', '20000'], ['TTL', 'k'],
    ['SET', 'k', 'v', 'PERSIST'], ['SET', 'k', 'v', 'EX'], ['SET', 'k', 'v', 'PX'], ['SET', 'k', 'v', 'foo'], ['SET', 'k', 'v', 'EX', '10', 'foo'],
  ] },
  { name: 'invalid expire times', steps: [
    ['SET', 'k', 'v', 'EX', '0'], ['SET', 'k', 'v', 'EX', '-1'], ['SET', 'k', 'v', 'PX', '0'], ['SET', 'k', 'v', 'EXAT', '0'], ['SET', 'k', 'v', 'PXAT', '-5'],
    ['SET', 'k', 'v', 'EX', 'abc'], ['SET', 'k', 'v', 'EX', '1.5'], ['SET', 'k', 'v', 'EX', '9223372036854775807'],
    ['SET', 'k', 'v', 'EX', '9223372036854775'], ['SET', 'k', 'v', 'PX', '9223372036854775807'], ['SET', 'k', 'v', 'EX', '9223372036854776'],
    ['SET', 'k', 'v', 'EX', '9223372036854775808'], ['SET', 'k', 'v', 'EX', ' 10'], ['EXISTS', 'k'],
    ['SET', 'k', 'v', 'NX', 'EX', '0', 'GET'], ['SET', 'k', 'v', 'EXAT', '9223372036854775'], ['EXISTS', 'k'],
  ] },
  { name: 'expiry times past 2^53 stay exact', steps: [
    ['SET', 'k', 'v', 'PXAT', '9223372036854775807'], ['PEXPIRETIME', 'k'], ['SET', 'j', 'v', 'EXAT', '9223372036854775'], ['PEXPIRETIME', 'j'], ['TTL', 'j'],
    ['GETEX', 'j', 'PXAT', '9007199254740993'], ['PEXPIRETIME', 'j'], ['GETEX', 'j', 'EXAT', '9223372036854775'], ['EXPIRETIME', 'j'],
  ] },
  { name: 'the expiry is validated before GET and NX/XX', steps: [
    ['LPUSH', 'l', 'a'], ['SET', 'l', 'v', 'GET', 'EX', '0'], ['SET', 'l', 'v', 'GET', 'EX', '10'], ['SET', 'x', 'v', 'XX', 'EX', 'bad'],
  ] },
  { name: 'SET EXAT in the past leaves an expired key', steps: [
    ['SET', 'k', 'v', 'EXAT', '1'], ['GET', 'k'], ['EXISTS', 'k'], ['SET', 'k', 'v', 'PXAT', '1', 'GET'], ['GET', 'k'],
  ] },
  // Set and read before it is due in one write: a busy machine can take 50 ms between two steps.
  { name: 'keys expire', steps: [pipeline(['SET', 'k', 'v', 'PX', '50'], ['GET', 'k']), { sleep: 120 }, ['GET', 'k'], ['SETEX', 'k', '1', 'v'], ['PSETEX', 'p', '40', 'v'], { sleep: 100 }, ['GET', 'p'], ['GET', 'k']] },
  { name: 'option tokens are matched up to a NUL byte', steps: [
    ['SET', 'k', 'v', Buffer.from('nx\0junk')], ['SET', 'k', 'w', Buffer.from('XX\0')], ['GET', 'k'], ['SET', 'k', 'v', Buffer.from('n\0x')],
  ] },
]);

runScenarios('strings: SETNX, SETEX, PSETEX, GETSET', options, [
  { name: 'SETNX', steps: [['SETNX', 'k', 'v'], ['SETNX', 'k', 'w'], ['GET', 'k'], ['LPUSH', 'l', 'a'], ['SETNX', 'l', 'v'], ['TYPE', 'l']] },
  { name: 'SETNX keeps the TTL of the existing key', steps: [['SET', 'k', 'v', 'EX', '100'], ['SETNX', 'k', 'w'], ['TTL', 'k']] },
  { name: 'SETEX and PSETEX', steps: [
    ['SETEX', 'k', '100', 'v'], ['TTL', 'k'], ['GET', 'k'], ['PSETEX', 'p', '100000', 'v'], ['TTL', 'p'],
    ['SETEX', 'k', '0', 'v'], ['SETEX', 'k', '-10', 'v'], ['PSETEX', 'k', '0', 'v'], ['SETEX', 'k', 'x', 'v'], ['PSETEX', 'k', '1.5', 'v'],
    ['SETEX', 'k', '9223372036854775807', 'v'], ['PSETEX', 'k', '9223372036854775807', 'v'], ['GET', 'k'], ['LPUSH', 'l', 'a'], ['SETEX', 'l', '10', 'v'], ['TYPE', 'l'],
  ] },
  { name: 'GETSET', steps: [
    ['GETSET', 'k', 'v'], ['GETSET', 'k', 'w'], ['GET', 'k'], ['SET', 't', 'v', 'EX', '100'], ['GETSET', 't', 'x'], ['TTL', 't'],
    ['LPUSH', 'l', 'a'], ['GETSET', 'l', 'v'], ['TYPE', 'l'],
  ] },
]);

runScenarios('strings: GETDEL, GETEX', options, [
  { name: 'GETDEL', steps: [['GETDEL', 'k'], ['SET', 'k', 'v'], ['GETDEL', 'k'], ['EXISTS', 'k'], ['LPUSH', 'l', 'a'], ['GETDEL', 'l'], ['EXISTS', 'l']] },
  { name: 'GETEX without options is GET', steps: [['GETEX', 'k'], ['SET', 'k', 'v', 'EX', '100'], ['GETEX', 'k'], ['TTL', 'k'], ['LPUSH', 'l', 'a'], ['GETEX', 'l']] },
  { name: 'GETEX EX, PX, EXAT, PXAT, PERSIST', steps: [
    ['SET', 'k', 'v'], ['GETEX', 'k', 'EX', '100'], ['TTL', 'k'], ['GETEX', 'k', 'PX', '200000'], ['TTL', 'k'],
    ['GETEX', 'k', 'EXAT', '4102444800'], ['EXPIRETIME', 'k'], ['GETEX', 'k', 'PXAT', '4102444800555'], ['PEXPIRETIME', 'k'],
    ['GETEX', 'k', 'PERSIST'], ['TTL', 'k'], ['GETEX', 'k', 'persist'], ['TTL', 'k'],
  ] },
  { name: 'GETEX EXAT/PXAT in the past deletes the key', steps: [
    ['SET', 'k', 'v'], ['GETEX', 'k', 'EXAT', '1'], ['EXISTS', 'k'], ['SET', 'k', 'v'], ['GETEX', 'k', 'PXAT', '1000'], ['GET', 'k'],
  ] },
  { name: 'GETEX option errors', steps: [
    ['SET', 'k', 'v'], ['GETEX', 'k', 'EX'], ['GETEX', 'k', 'EX', '10', 'PX', '10'], ['GETEX', 'k', 'PERSIST', 'EX', '10'], ['GETEX', 'k', 'EX', '10', 'PERSIST'],
    ['GETEX', 'k', 'KEEPTTL'], ['GETEX', 'k', 'NX'], ['GETEX', 'k', 'GET'], ['GETEX', 'k', 'foo'], ['GETEX', 'k', 'EX', '0'], ['GETEX', 'k', 'EX', 'x'],
    ['GETEX', 'k', 'PX', '-1'], ['GETEX', 'k', 'EX', '9223372036854775807'], ['TTL', 'k'], ['GETEX', 'k', 'PERSIST', 'PERSIST'],
  ] },
  { name: 'GETEX validates the expiry only for an existing string', steps: [
    ['GETEX', 'missing', 'EX', '0'], ['GETEX', 'missing', 'EX', 'abc'], ['GETEX', 'missing', 'foo'], ['LPUSH', 'l', 'a'], ['GETEX', 'l', 'EX', '0'],
  ] },
]);

runScenarios('strings: MGET, MSET, MSETNX', options, [
  { name: 'MGET', steps: [['SET', 'a', '1'], ['LPUSH', 'l', 'x'], ['MGET', 'a', 'b', 'l', 'a'], ['MGET', 'nope']] },
  { name: 'MSET', steps: [
    ['MSET', 'a', '1', 'b', '2'], ['MGET', 'a', 'b'], ['MSET', 'a', '1', 'b'], ['MSET', 'a', '3', 'a', '4'], ['GET', 'a'],
    ['SET', 't', 'v', 'EX', '100'], ['MSET', 't', 'w'], ['TTL', 't'], ['LPUSH', 'l', 'x'], ['MSET', 'l', 'v'], ['TYPE', 'l'],
  ] },
  { name: 'MSETNX', steps: [
    ['MSETNX', 'a', '1', 'b', '2'], ['MSETNX', 'b', '3', 'c', '4'], ['MGET', 'a', 'b', 'c'], ['MSETNX', 'a'], ['MSETNX', 'c', '1', 'd'],
    ['MSETNX', 'c', '1', 'c', '2'], ['GET', 'c'], ['LPUSH', 'l', 'x'], ['MSETNX', 'l', 'v', 'e', 'f'], ['EXISTS', 'e'],
  ] },
]);
