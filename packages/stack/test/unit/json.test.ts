import { addPropagationListener } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { Err, jsonServer } from './json-helpers.js';

/**
 * JSON.* scenarios whose expected replies are RedisJSON v2.8.19's own tests
 * (tests/pytest/*.py, named per case) or, where a test only asserts an error, the module's
 * source (src/commands.rs). They are run through the fake, in the protocol the test uses.
 */

type Step = [Array<string | number | Buffer>, unknown];
const ANY_ERROR = Symbol('any error');
const error = (text: string): Err => new Err(text);

function check(protocol: 2 | 3, steps: Step[]): void {
  const { run } = jsonServer(protocol);
  for (const [args, expected] of steps) {
    const got = run(...args);
    if (expected === ANY_ERROR) expect(got, args.join(' ')).toBeInstanceOf(Err);
    else if (typeof expected === 'function') (expected as (v: unknown) => void)(got);
    else expect(got, args.join(' ')).toEqual(expected);
  }
}

/** The reply parsed as JSON (the tests' json.loads). */
const json = (want: unknown) => (got: unknown) => expect(JSON.parse(got as string)).toEqual(want);
const contains = (text: string) => (got: unknown) => {
  expect(got).toBeInstanceOf(Err);
  expect((got as Err).message).toContain(text);
};

describe('test.py', () => {
  it('testSetRootWithInvalidJSONValuesShouldFail', () => {
    const invalid = ['{', '}', '[', ']', '{]', '[}', '\\', '\\\\', '', ' ', '\\"', "'", '\\[', '\x00', '\x0a', '\x0c'];
    check(2, [...invalid.map((i): Step => [['JSON.SET', 'test', '.', i], ANY_ERROR]), [['EXISTS', 'test'], 0]]);
  });
  it('testSetInvalidPathShouldFail', () => {
    const invalid = ['', ' ', '\x00', '\x0a', '\x0c', '."', '.\x00', '.\x0a\x0c', '.-foo', '.43', '.foo\n.bar'];
    check(2, [...invalid.map((i): Step => [['JSON.SET', 'test', i, 'null'], ANY_ERROR]), [['EXISTS', 'test'], 0]]);
  });
  it('testSetBSON (bson_bytes_1.bson, {"a": "b"}: the first element is the value)', () => {
    const bson = Buffer.from('0e00000002610002000000620000', 'hex');
    check(2, [
      [['JSON.SET', 'test', '.', bson, 'FORMAT', 'BSON'], 'OK'],
      [['JSON.GET', 'test', 'str', 'NoneType', 'bool', 'int'], error('ERR Path does not exist')],
      [['JSON.GET', 'test'], '"b"'],
      [['JSON.SET', 'test', '.', Buffer.from('05000000', 'hex'), 'FORMAT', 'BSON'], ANY_ERROR],
      [['JSON.SET', 'test', '.', Buffer.from('0500000000', 'hex'), 'FORMAT', 'BSON'], 'OK'],
      [['JSON.GET', 'test'], 'null'],
      [['JSON.SET', 'test', '.', '{}', 'FORMAT', 'bson'], error('ERR wrong format')],
    ]);
  });
  it('testSetRootWithJSONValuesShouldSucceed', () => {
    check(2, [
      [['JSON.SET', 'test', '.', '{}', 'NX'], 'OK'],
      [['JSON.SET', 'test', '.', '{}', 'NX'], null],
      [['JSON.SET', 'test', '.', '{}', 'XX'], 'OK'],
      [['JSON.SET', 'test', '.foo', '[]', 'XX'], null],
      [['JSON.SET', 'test', '.foo', '[]', 'NX'], 'OK'],
      [['JSON.SET', 'test', '.foo', '[]', 'NX'], null],
      [['JSON.SET', 'test', '.foo', '[1]', 'XX'], 'OK'],
      [['JSON.SET', 'test', '.foo[1]', 'null', 'NX'], error('ERR array index out of range')],
      [['JSON.SET', 'test', '.foo', '[]', ''], error('ERR syntax error')],
      [['JSON.SET', 'test', '.foo', '[]', 'NN'], error('ERR syntax error')],
      [['JSON.SET', 'test', '.foo', '[]', 'FORMAT', 'TT'], error('ERR wrong format')],
      [['JSON.SET', 'test', '.foo', '[]', 'XX', 'FORMAT', ''], error('ERR wrong format')],
      [['JSON.SET', 'test', '.foo', '[]', 'XX', 'XN'], error('ERR syntax error')],
      [['JSON.SET', 'test', '.foo', '[]', 'XX', ''], error('ERR syntax error')],
    ]);
  });
  it('testSetWithBracketNotation', () => {
    check(2, [
      [['JSON.SET', 'x', '.', '{}'], 'OK'],
      [['JSON.SET', 'x', '.["f1"]', '{}'], 'OK'],
      [['JSON.SET', 'x', '.["f1"].f2', '[0,0,0]'], 'OK'],
      [['JSON.SET', 'x', '.["f1"].f2[1]', '{}'], 'OK'],
      [['JSON.SET', 'x', '.["f1"].f2[1]["f.]$.f"]', '{}'], 'OK'],
      [['JSON.SET', 'x', '.["f1"]["f2"][1]["f.]$.f"]', '1'], 'OK'],
      [['JSON.SET', 'x', '.["f3"].f2', '1'], null],
      [['JSON.GET', 'x'], json({ f1: { f2: [0, { 'f.]$.f': 1 }, 0] } })],
    ]);
  });
  it('testGetWithBracketNotation', () => {
    check(2, [
      [['JSON.SET', 'x', '.', '[1,2,3]'], 'OK'],
      [['JSON.GET', 'x', '.[1]'], '2'],
      [['JSON.GET', 'x', '[1]'], '2'],
      [['JSON.GET', 'x', '$.[1]'], '[2]'],
      [['JSON.GET', 'x', '$[1]'], '[2]'],
    ]);
  });
  it('testSetGetWithSpecialKey', () => {
    const doc = { $: '$', a: 'a', $a: '$a', '$a[': '$a[' };
    check(2, [
      [['JSON.SET', 'x', '$', '{"$":"$"}'], 'OK'],
      [['JSON.SET', 'x', 'a', '"a"'], 'OK'],
      [['JSON.SET', 'x', '$a', '"$a"'], 'OK'],
      [['JSON.SET', 'x', '$["$a["]', '"$a["'], 'OK'],
      [['JSON.GET', 'x', '$'], json([doc])],
      [['JSON.SET', 'x', '.a', '"a"'], 'OK'],
      [['JSON.SET', 'x', '.$a', '"$a"'], 'OK'],
      [['JSON.GET', 'x', '$'], json([doc])],
      [['JSON.GET', 'x', '$.$'], json(['$'])],
      [['JSON.GET', 'x', '$["$"]'], json(['$'])],
      [['JSON.GET', 'x', '$.a'], json(['a'])],
      [['JSON.GET', 'x', '$["a"]'], json(['a'])],
      [['JSON.GET', 'x', 'a'], json('a')],
      [['JSON.GET', 'x', '$.$a'], json(['$a'])],
      [['JSON.GET', 'x', '$["$a"]'], json(['$a'])],
      [['JSON.GET', 'x', '$a'], json('$a')],
      [['JSON.GET', 'x', '$["$a["]'], json(['$a['])],
    ]);
  });
  it('testSetWithPathErrors / testGetWithPathErrors', () => {
    check(2, [
      [['JSON.SET', 'x', '.', '{}'], 'OK'],
      [['JSON.SET', 'x', '$..f', 1], error('Err wrong static path')],
      [['JSON.SET', 'x', '$[0]', 1], error('ERR array index out of range')],
      [['JSON.GET', 'x', 'gar\x00\x00bage'], contains('expected one of the following')],
      [['JSON.GET', 'x', 'not\x0d\x0aallowed by protocol'], ANY_ERROR],
      // commands.rs reads options and paths while they are UTF-8: the first that is not ends them.
      [['JSON.GET', 'x', Buffer.from([0xff]), 'no such path'], '{}'],
    ]);
  });
  it('testDelCommand', () => {
    check(2, [
      [['JSON.SET', 'test', '.', '{}'], 'OK'],
      [['JSON.DEL', 'test', '.'], 1],
      [['EXISTS', 'test'], 0],
      [['JSON.SET', 'test', '.', '{"foo": "bar", "baz": "qux"}'], 'OK'],
      [['JSON.DEL', 'test', '.baz'], 1],
      [['JSON.OBJLEN', 'test', '.'], 1],
      [['JSON.TYPE', 'test', '.baz'], null],
      [['JSON.DEL', 'test', '.foo'], 1],
      [['JSON.OBJLEN', 'test', '.'], 0],
      [['JSON.TYPE', 'test', '.'], 'object'],
      [['JSON.SET', 'test', '.foo', '"bar"'], 'OK'],
      [['JSON.SET', 'test', '.baz', '"qux"'], 'OK'],
      [['JSON.SET', 'test', '.arr', '[1.2,1,2]'], 'OK'],
      [['JSON.DEL', 'test', '.arr[1]'], 1],
      [['JSON.OBJLEN', 'test', '.'], 3],
      [['JSON.ARRLEN', 'test', '.arr'], 2],
      [['JSON.TYPE', 'test', '.arr'], 'array'],
      [['JSON.DEL', 'test', '.arr'], 1],
      [['JSON.OBJLEN', 'test', '.'], 2],
      [['JSON.DEL', 'test', '.'], 1],
      [['JSON.GET', 'test'], null],
    ]);
  });
  it('testNumIncrCommand', () => {
    check(2, [
      [['JSON.SET', 'test', '.', '{ "foo": 0, "bar": "baz" }'], 'OK'],
      [['JSON.NUMINCRBY', 'test', '.foo', 1], '1'],
      [['JSON.GET', 'test', '.foo'], '1'],
      [['JSON.NUMINCRBY', 'test', '.foo', 2], '3'],
      [['JSON.NUMINCRBY', 'test', '.foo', 0.5], '3.5'],
      [['JSON.NUMINCRBY', 'test', '.bar', 1], error('ERR Path does not exist or does not contains a number')],
      [['JSON.NUMINCRBY', 'test', '.fuzz', 1], error('ERR Path does not exist or does not contains a number')],
      [['JSON.SET', 'num', '.', '0'], 'OK'],
      [['JSON.NUMINCRBY', 'num', '.', 1], '1'],
      [['JSON.NUMINCRBY', 'num', '.', 1.5], '2.5'],
      [['JSON.SET', 'foo', '.', '{"foo":0,"bar":42}'], 'OK'],
      [['JSON.NUMINCRBY', 'foo', 'foo', 1], '1'],
      [['JSON.NUMMULTBY', 'foo', 'bar', 2], '84'],
      [['JSON.GET', 'foo', '.'], '{"foo":1,"bar":84}'],
    ]);
  });
  it('testNumCommandOverflow', () => {
    check(2, [
      [['JSON.SET', 'big_num', '.', '1.6350000000001313e+308'], 'OK'],
      [['JSON.NUMINCRBY', 'big_num', '.', '1.6350000000001313e+308'], error('result is not a number')],
      [['JSON.NUMMULTBY', 'big_num', '.', '2'], error('result is not a number')],
      [['JSON.GET', 'big_num', '.'], '1.6350000000001313e308'],
      [['JSON.SET', 'nested_arr_big_num', '$', '{"l1":{"l2":[0,1.6350000000001313e+308]}}'], 'OK'],
      [['JSON.NUMINCRBY', 'nested_arr_big_num', '$.l1.l2[1]', '1.6350000000001313e+308'], ANY_ERROR],
      [['JSON.NUMMULTBY', 'nested_arr_big_num', '$.l1.l2[1]', '2'], ANY_ERROR],
      [['JSON.GET', 'nested_arr_big_num', '$'], '[{"l1":{"l2":[0,1.6350000000001313e308]}}]'],
    ]);
  });
  it('testStrCommands', () => {
    check(2, [
      [['JSON.SET', 'test', '.', '"foo"'], 'OK'],
      [['JSON.TYPE', 'test', '.'], 'string'],
      [['JSON.STRLEN', 'test', '.'], 3],
      [['JSON.STRAPPEND', 'test', '.', '"bar"'], 6],
      [['JSON.GET', 'test', '.'], '"foobar"'],
    ]);
  });
  it('testArrPopErrors / testArrTrimErrors / testTypeErrors', () => {
    check(2, [
      [['JSON.SET', 'test', '.', '1'], 'OK'],
      [['JSON.ARRPOP', 'test'], contains('not an array')],
      [['JSON.SET', 'test', '.', '{"arr":[],"bool":true,"int":1,"num":1.5,"none":null}'], 'OK'],
      [['JSON.ARRINSERT', 'test', '.arr', 0, Buffer.from([0x80, 0x61, 0x62, 0x63])], contains("Couldn't parse as UTF-8 string")],
      [['JSON.ARRAPPEND', 'test', '.arr', Buffer.from([0x80, 0x61, 0x62, 0x63])], contains("Couldn't parse as UTF-8 string")],
      [['JSON.ARRTRIM', 'test', '.', '0', '1'], contains('not an array')],
      [['JSON.ARRLEN', 'test', '.bool'], contains('not an array')],
      [['JSON.STRLEN', 'test', '.none'], contains('expected string')],
      [['JSON.OBJLEN', 'test', '.int'], contains('expected object')],
      [['JSON.STRLEN', 'test', '.num'], contains('expected string')],
      [['JSON.ARRLEN', 'test', '.foo'], contains('does not exist')],
      [['JSON.ARRLEN', 'test', '.arr[999]'], contains('does not exist')],
      [['JSON.ARRLEN', 'test', '.arr[-inf]'], contains('Error occurred')],
      [['JSON.ARRLEN', 'test', '.arr[4294967295]'], contains('does not exist')],
    ]);
  });
  it('testToggleCommand', () => {
    check(2, [
      [['JSON.SET', 'test', '.', '{"foo":true}'], 'OK'],
      [['JSON.TOGGLE', 'test', '.foo'], 'false'],
      [['JSON.TOGGLE', 'test', '.foo'], 'true'],
      [['JSON.SET', 'test', '.', '{"foo":true,"bar":1}'], 'OK'],
      [['JSON.TOGGLE', 'test', '.bar'], error('ERR Path does not exist or not a bool')],
      [['JSON.TOGGLE', 'test', '$.foo'], [0]],
    ]);
  });
  it('testArrIndexCommand', () => {
    check(2, [
      [['JSON.SET', 'test', '.', '{ "arr": [0, 1, 2, 3, 2, 1, 0] }'], 'OK'],
      [['JSON.ARRINDEX', 'test', '.arr', 0], 0],
      [['JSON.ARRINDEX', 'test', '.arr', 3], 3],
      [['JSON.ARRINDEX', 'test', '.arr', 4], -1],
      [['JSON.ARRINDEX', 'test', '.arr', 0, 1], 6],
      [['JSON.ARRINDEX', 'test', '.arr', 0, -1], 6],
      [['JSON.ARRINDEX', 'test', '.arr', 0, 6], 6],
      [['JSON.ARRINDEX', 'test', '.arr', 0, 4, -0], 6],
      [['JSON.ARRINDEX', 'test', '.arr', 0, 5, -1], -1],
      [['JSON.ARRINDEX', 'test', '.arr', 0, 5, 0], 6],
      [['JSON.ARRINDEX', 'test', '.arr', 2, -2, 6], -1],
      [['JSON.ARRINDEX', 'test', '.arr', '"foo"'], -1],
      [['JSON.ARRINSERT', 'test', '.arr', 4, '[4]'], 8],
      [['JSON.ARRINDEX', 'test', '.arr', 3], 3],
      [['JSON.ARRINDEX', 'test', '.arr', 2, 3], 5],
      [['JSON.ARRINDEX', 'test', '.arr', '[4]'], 4],
      [['JSON.ARRINDEX', 'test', '.arr', 1], 1],
      [['JSON.ARRINDEX', 'test', '$.arr', 1], [1]],
      [['JSON.ARRINDEX', 'test', '$.arr', 2, 1, 4], [2]],
      [['JSON.ARRINDEX', 'test', '$.arr', 6], [-1]],
      [['JSON.ARRINDEX', 'test', '$.arr', 3, 0, 2], [-1]],
      // commands.rs: args.done() after stop, serde_json's error behind "ERR ".
      [['JSON.ARRINDEX', 'test', '.arr', 0, 1, 2, 3], error("ERR wrong number of arguments for 'json.arrindex' command")],
      [['JSON.ARRINDEX', 'test', '.arr', 'x'], error('ERR expected value at line 1 column 1')],
    ]);
  });
  it('testArrInsertCommand', () => {
    for (const [initial, jpath] of [['{ "arr": [] }', '.arr'], ['[]', '.']] as const) {
      check(2, [
        [['JSON.SET', 'test', '.', initial], 'OK'],
        [['JSON.ARRINSERT', 'test', jpath, 0, '1'], 1],
        [['JSON.ARRINSERT', 'test', jpath, -1, '2'], 2],
        [['JSON.ARRINSERT', 'test', jpath, -2, '3'], 3],
        [['JSON.ARRINSERT', 'test', jpath, 3, '4'], 4],
        [['JSON.GET', 'test', jpath], '[3,2,1,4]'],
        [['JSON.ARRINSERT', 'test', jpath, 1, '5'], 5],
        [['JSON.ARRINSERT', 'test', jpath, -2, '6'], 6],
        [['JSON.GET', 'test', jpath], '[3,5,2,6,1,4]'],
        [['JSON.ARRINSERT', 'test', jpath, -3, '7', '{"A":"Z"}', '9'], 9],
        [['JSON.GET', 'test', jpath], '[3,5,2,7,{"A":"Z"},9,6,1,4]'],
        [['JSON.ARRINSERT', 'test', jpath, -10, '10'], error('ERR index out of bounds')],
        [['JSON.ARRINSERT', 'test', jpath, 10, '10'], error('ERR index out of bounds')],
      ]);
    }
  });
  it('testSetNumbers (serde_json / ryu texts)', () => {
    check(2, [
      [['JSON.SET', 'n', '$', '[1, 1.0, 1e30, 1.5e-7, 0.1, 123456789012345678, 18446744073709551615, 18446744073709551616, -0.0, 1E2]'], 'OK'],
      [['JSON.GET', 'n'], '[1,1.0,1e30,1.5e-7,0.1,123456789012345678,18446744073709551615,1.8446744073709552e19,-0.0,100.0]'],
      [['JSON.TYPE', 'n', '$[*]'], ['integer', 'number', 'number', 'number', 'number', 'integer', 'integer', 'number', 'number', 'number']],
      [['JSON.SET', 'k', '$', 'trueabc'], ANY_ERROR],
      [['JSON.SET', 'k', '$', '[1,2,3]1'], error('trailing characters at line 1 column 8')],
      [['JSON.SET', 'k', '$', '{"a":1}x'], error('trailing characters at line 1 column 8')],
      [['JSON.SET', 'k', '$', '123abc'], error('trailing characters at line 1 column 4')],
      [['JSON.SET', 'k', '$', '1e400'], ANY_ERROR],
      // testNesting: 127 nested containers are accepted, the 128th is refused.
      [['JSON.SET', 'k', '$', `${'['.repeat(128)}${']'.repeat(128)}`], contains('recursion limit exceeded')],
      [['JSON.SET', 'k', '$', `${'['.repeat(127)}${']'.repeat(127)}`], 'OK'],
    ]);
  });
});

describe('test_multi.py', () => {
  it('testDelCommand (objects lose a key as ijson swap_removes it)', () => {
    check(2, [
      [['JSON.SET', 'doc1', '$', '{"a": 1, "nested": {"a": 2, "b": 3}}'], 'OK'],
      [['JSON.DEL', 'doc1', '$..a'], 2],
      [['JSON.GET', 'doc1', '$'], '[{"nested":{"b":3}}]'],
      [['JSON.SET', 'doc2', '$', '{"a": {"a": 2, "b": 3}, "b": ["a", "b"], "nested": {"b":[true, "a","b"]}}'], 'OK'],
      [['JSON.DEL', 'doc2', '$..a'], 1],
      [['JSON.GET', 'doc2', '$'], '[{"nested":{"b":[true,"a","b"]},"b":["a","b"]}]'],
      [['JSON.SET', 'doc3', '$', '[{"ciao":["non ancora"],"nested":[{"ciao":[1,"a"]}, {"ciao":[2,"a"]}, {"ciaoc":[3,"non","ciao"]}, {"ciao":[4,"a"]}, {"e":[5,"non","ciao"]}]}]'], 'OK'],
      [['JSON.DEL', 'doc3', '$.[0]["nested"]..ciao'], 3],
      [['JSON.GET', 'doc3', '$'], '[[{"ciao":["non ancora"],"nested":[{},{},{"ciaoc":[3,"non","ciao"]},{},{"e":[5,"non","ciao"]}]}]]'],
      [['JSON.DEL', 'doc3'], 1],
      [['JSON.GET', 'doc3', '$'], null],
      [['JSON.DEL', 'non_existing_doc', '..a'], 0],
      [['JSON.SET', 'doc2', '$', '[1, 2, 3]'], 'OK'],
      [['JSON.DEL', 'doc2', '$[*]'], 3],
      [['JSON.SET', 'doc2', '$', '[1, 2, 3]'], 'OK'],
      [['JSON.DEL', 'doc2', '$[2,1,0]'], 3],
      [['JSON.SET', 'doc2', '$', '[1, 2, 3]'], 'OK'],
      [['JSON.DEL', 'doc2', '$[1,2,0]'], 3],
    ]);
  });
  it('testNumIncrCommand / NUMMULTBY / NUMPOWBY', () => {
    const doc = '{"a":"b","b":[{"a":2}, {"a":5.0}, {"a":"c"}]}';
    check(2, [
      [['JSON.SET', 'doc1', '$', doc], 'OK'],
      [['JSON.NUMINCRBY', 'doc1', '$..a', '2'], '[null,4,7.0,null]'],
      [['JSON.NUMINCRBY', 'doc1', '$..a', '2.5'], '[null,6.5,9.5,null]'],
      [['JSON.NUMINCRBY', 'doc1', '$.b[1].a', '2'], '[11.5]'],
      [['JSON.NUMINCRBY', 'doc1', '$.b[2].a', '2'], '[null]'],
      [['JSON.NUMINCRBY', 'doc1', '$.b[1].a', '3.5'], '[15.0]'],
      [['JSON.SET', 'doc1', '$', doc], 'OK'],
      [['JSON.NUMMULTBY', 'doc1', '$..a', '2'], '[null,4,10.0,null]'],
      [['JSON.NUMMULTBY', 'doc1', '$..a', '2.5'], '[null,10.0,25.0,null]'],
      [['JSON.NUMMULTBY', 'doc1', '$.b[1].a', '2'], '[50.0]'],
      [['JSON.NUMMULTBY', 'doc1', '$.b[1].a', '3'], '[150.0]'],
      [['JSON.SET', 'doc1', '$', doc], 'OK'],
      [['JSON.NUMPOWBY', 'doc1', '$..a', '2'], '[null,4,25.0,null]'],
      [['JSON.NUMPOWBY', 'doc1', '$..a', '2'], '[null,16,625.0,null]'],
      [['JSON.NUMPOWBY', 'doc1', '$.b[1].a', '2'], '[390625.0]'],
      [['JSON.NUMPOWBY', 'doc1', '$.b[1].a', '3'], '[5.960464477539062e16]'],
      [['JSON.NUMINCRBY', 'non_existing_doc', '$..a', '2'], error("ERR could not perform this operation on a key that doesn't exist")],
      [['JSON.SET', 'doc1', '$', doc], 'OK'],
      [['JSON.NUMINCRBY', 'doc1', '.b[0].a', '3'], '5'],
      [['JSON.NUMMULTBY', 'doc1', '.b[0].a', '3'], '15'],
      [['JSON.NUMPOWBY', 'doc1', '.b[0].a', '2'], '225'],
    ]);
  });
  it('testErrorMessageNonexistent / wrong type (test_multi: doc_none, hash_key)', () => {
    check(2, [
      [['JSON.SET', 'doc1', '$', '{"string":"a"}'], 'OK'],
      [['SET', 'str_key', 'x'], 'OK'],
      [['JSON.NUMINCRBY', 'doc1', '$.string', 3], '[null]'],
      [['JSON.NUMINCRBY', 'doc1', '$.nowhere', 3], '[]'],
      [['JSON.NUMINCRBY', 'doc_none', '$.string', 3], contains("doesn't exist")],
      [['JSON.NUMINCRBY', 'str_key', '$.string', 3], contains('wrong Redis type')],
      [['JSON.NUMINCRBY', 'doc1', '.string', 3], contains('does not contains a number')],
      [['JSON.NUMINCRBY', 'doc1', '.nowhere', 3], contains('does not contains a number')],
      [['JSON.NUMINCRBY', 'doc_none', '.string', 3], contains("doesn't exist")],
    ]);
  });
});

describe('test_resp3.py', () => {
  it('test_resp3_set_get_json_format', () => {
    check(3, [
      [['SET', 'test_not_JSON', 'test_not_JSON'], 'OK'],
      [['JSON.SET', 'test_resp3', '$', '{"a1":{"b":{"c":true,"d":null}},"a2":{"b":{"c":2}}}'], 'OK'],
      [['JSON.GET', 'test_resp3', 'FORMAT', 'EXPAND1', '$'], [['{"a1":{"b":{"c":true,"d":null}},"a2":{"b":{"c":2}}}']]],
      [['JSON.GET', 'test_resp3', 'FORMAT', 'EXPAND1', '$..b'], [['{"c":true,"d":null}', '{"c":2}']]],
      [['JSON.GET', 'test_resp3', 'FORMAT', 'EXPAND1', '$.a1', '$.a3', '$.a2'], [['{"b":{"c":true,"d":null}}'], [], ['{"b":{"c":2}}']]],
      [['JSON.GET', 'test_resp3', 'FORMAT', 'EXPAND1', '$.a3'], [[]]],
      [['JSON.GET', 'test_no_such_key', '$.a3'], null],
      [['JSON.GET', 'test_not_JSON', '$.a3'], error('Existing key has wrong Redis type')],
      [['JSON.GET', 'test_resp3', 'FORMAT', 'JSON', '.a[1]'], contains('wrong reply format')],
      [['JSON.GET', 'test_resp3', 'FORMAT', 'STRINGS', '$.a[1]'], contains('wrong reply format')],
      [['JSON.GET', 'test_resp3', 'FORMAT', 'STRING', '$..b'], '[{"c":true,"d":null},{"c":2}]'],
      [['JSON.GET', 'test_resp3', 'FORMAT', 'STRING', '.a1', '$.a2'], json({ '$.a2': [{ b: { c: 2 } }], '.a1': [{ b: { c: true, d: null } }] })],
      [['JSON.GET', 'test_resp3', 'FORMAT', 'STRING', '$.a3'], '[]'],
    ]);
  });
  it('test_resp3_set_get_expand_format', () => {
    const doc = { a1: { b: { c: true, d: null } }, a2: { b: { c: 2, e: [1, true, { f: null }] } } };
    check(3, [
      [['JSON.SET', 'test_resp3', '$', JSON.stringify(doc)], 'OK'],
      [['JSON.GET', 'test_resp3', 'FORMAT', 'EXPAND', '$'], [[doc]]],
      [['JSON.GET', 'test_resp3', 'FORMAT', 'EXPAND', '$.a1', '$.a3', '$.a2'], [[doc.a1], [], [doc.a2]]],
      [['JSON.GET', 'test_resp3', '$'], json([doc])],
      [['JSON.GET', 'test_resp3', '$.a1', '$.a3', '$.a2'], json({ '$.a1': [doc.a1], '$.a3': [], '$.a2': [doc.a2] })],
      [['JSON.GET', 'test_no_such_key', 'FORMAT', 'EXPAND', '$.a3'], null],
    ]);
  });
  it('test_resp_json_num_ops / test_resp_json_type', () => {
    check(3, [
      [['JSON.SET', 'test_resp3', '$', '{"a1":{"b":{"c":1}},"a2":{"b":{"c":2.2}},"a3":{"b":{"c":"val"}}}'], 'OK'],
      [['JSON.NUMINCRBY', 'test_resp3', '$.a1.b.c', 1], [2]],
      [['JSON.NUMINCRBY', 'test_resp3', '$..c', 2], [4, 4.2, null]],
      [['JSON.NUMMULTBY', 'test_resp3', '$.a2.b.c', 2.3], [4.2 * 2.3]],
      [['JSON.SET', 't', '$', '{"a1":{"b":{"c":1}},"a2":{"b":{"c":true}}, "a4":[1.2,2,3.32], "c":null}'], 'OK'],
      [['JSON.TYPE', 't', '$.a1.b.c'], [['integer']]],
      [['JSON.TYPE', 't', '$..b'], [['object', 'object']]],
      [['JSON.TYPE', 't', '$.a3'], [[]]],
      [['JSON.TYPE', 't', '$.a4[*]'], [['number', 'integer', 'number']]],
      [['JSON.TYPE', 't', '$..c'], [['null', 'integer', 'boolean']]],
      [['JSON.TYPE', 'test_no_such_key', '$.a1.b.c'], [null]],
    ]);
  });
  it('test_resp_json_arrpop (STRINGS, EXPAND, EXPAND1)', () => {
    const doc = '{"a":[{"b":2},{"g":[1,2]},3]}';
    check(3, [
      [['JSON.SET', 'k', '$', doc], 'OK'],
      [['JSON.ARRPOP', 'k', '$.a', 1], ['{"g":[1,2]}']],
      [['JSON.ARRPOP', 'k', '$.a'], ['3']],
      [['JSON.ARRPOP', 'k', '$.a', 0], ['{"b":2}']],
      [['JSON.SET', 'k', '$', doc], 'OK'],
      [['JSON.ARRPOP', 'k', 'FORMAT', 'EXPAND', '$.a', 1], [{ g: [1, 2] }]],
      [['JSON.ARRPOP', 'k', 'FORMAT', 'EXPAND', '$.a'], [3]],
      [['JSON.ARRPOP', 'k', 'FORMAT', 'EXPAND', '.a[1]'], ANY_ERROR],
      [['JSON.SET', 'k', '$', doc], 'OK'],
      [['JSON.ARRPOP', 'k', 'FORMAT', 'EXPAND1', '$.a', 1], ['{"g":[1,2]}']],
      [['JSON.ARRPOP', 'k', 'FORMAT', 'EXPAND1', '$.a'], [3]],
      [['JSON.ARRPOP', 'k', 'FORMAT', 'JSON', '$.a[1]'], contains('wrong reply format')],
      [['JSON.ARRPOP', 'k', 'FORMAT', 'STRING', '$.a[1]'], contains('wrong reply format')],
    ]);
  });
});

describe('test_keyspace_notifications.py', () => {
  it('test_keyspace_set / test_keyspace_arr: the module events (class d), none for reads or no-ops', () => {
    const { server, run } = jsonServer(3);
    const events: string[] = [];
    const notify = server.notifyKeyspaceEvent.bind(server);
    server.notifyKeyspaceEvent = (eventClass, event, key, db) => {
      // KEA: neither new (n) nor keymiss (m) events.
      if (eventClass !== 'n' && eventClass !== 'm') events.push(`${eventClass} ${event} ${key}`);
      notify(eventClass, event, key, db);
    };
    const expectEvents = (want: string[]) => {
      expect(events.splice(0)).toEqual(want);
    };
    expect(run('JSON.SET', 'test_key', '$', '{"foo": "bar", "fu": 131}')).toBe('OK');
    expectEvents(['d json.set test_key']);
    expect(run('JSON.SET', 'test_key', '$.foo', '"gogo"')).toBe('OK');
    expectEvents(['d json.set test_key']);
    expect(run('JSON.MSET', 'test_key', '$.foo', '"gogo"', 'test_key{test_key}', '$', '{"a":"fufu"}')).toBe('OK');
    expectEvents(['d json.mset test_key', 'd json.mset test_key{test_key}']);
    expect(run('JSON.STRAPPEND', 'test_key', '$.foo', '"toto"')).toEqual([8]);
    expectEvents(['d json.strappend test_key']);
    expect(run('JSON.MERGE', 'test_key', '$', '{"mu":1}')).toBe('OK');
    expectEvents(['d json.merge test_key']);
    expect(run('JSON.SET', 'test_key', '$.foo.a', '"nono"')).toBe(null);
    expect(run('JSON.MERGE', 'test_key', '$.foo.a', '{"zu":1}')).toBe(null);
    expect(run('JSON.STRLEN', 'test_key', '$.foo')).toEqual([8]);
    expect(run('JSON.GET', 'test_key', '$.foo')).toBe('["gogototo"]');
    expect(run('JSON.MGET', 'test_key', 'test_key1', '$.foo')).toEqual(['["gogototo"]', null]);
    expect(run('JSON.OBJKEYS', 'test_key', '$')).toEqual([['foo', 'fu', 'mu']]);
    expect(run('JSON.OBJLEN', 'test_key', '$')).toEqual([3]);
    expect(run('JSON.STRAPPEND', 'test_key', '$.fu', '"bark"')).toEqual([null]);
    expectEvents([]);
    expect(run('JSON.SET', 'test_key_arr', '$', '{"foo": [], "bar": 31}')).toBe('OK');
    expect(run('JSON.ARRAPPEND', 'test_key_arr', '$.foo', '"gogo1"', '"gogo2"')).toEqual([2]);
    expect(run('JSON.ARRINSERT', 'test_key_arr', '$.foo', 1, '"gogo3"', '"gogo4"')).toEqual([4]);
    expect(run('JSON.ARRPOP', 'test_key_arr', '$.foo', 1)).toEqual(['"gogo3"']);
    expect(run('JSON.ARRTRIM', 'test_key_arr', '$.foo', 0, 1)).toEqual([2]);
    expectEvents(['d json.set test_key_arr', 'd json.arrappend test_key_arr', 'd json.arrinsert test_key_arr', 'd json.arrpop test_key_arr', 'd json.arrtrim test_key_arr']);
    expect(run('JSON.ARRINDEX', 'test_key_arr', '$.foo', '"gogo1"')).toEqual([0]);
    expect(run('JSON.ARRLEN', 'test_key_arr', '$.foo')).toEqual([2]);
    expect(run('JSON.ARRPOP', 'test_key_arr', '$.bar')).toEqual([null]);
    expectEvents([]);
  });
});

describe('test.py: JSONPath filters, formatting, MERGE', () => {
  it('testFilter (regex from a literal and from a field, (?i), a bad pattern)', () => {
    const doc = {
      arr: ['kaboom', 'kafoosh', 'four', 'bar', 7.0, 'foolish', ['food', 'foo', 'FoO', 'fight'], -9, { in: 'fooctious' }, 'ffool', '(?i)^[f][o][o]$', false, null],
      pat_regex: '.*foo', pat_plain: '(?i)^[f][o][o]$', pat_bad: '[f.*', pat_not_str1: 42, pat_not_str2: null, pat_not_str3: true,
      pat_not_str4: { p: '.*foo' }, pat_not_str5: ['.*foo'],
    };
    check(2, [
      [['JSON.SET', 'doc', '$', JSON.stringify(doc)], 'OK'],
      [['JSON.GET', 'doc', '$.arr[?(@ =~ ".*foo")]'], '["kafoosh","foolish","ffool"]'],
      [['JSON.GET', 'doc', '$.arr[?(@ =~ $.pat_regex)]'], '["kafoosh","foolish","ffool"]'],
      [['JSON.GET', 'doc', '$.arr.*[?(@ =~ $.pat_plain)]'], '["foo","FoO"]'],
      [['JSON.SET', 'doc', '$.pat_regex', '"k.*foo"'], 'OK'],
      [['JSON.GET', 'doc', '$.arr[?(@ =~ $.pat_regex)]'], '["kafoosh"]'],
      [['JSON.GET', 'doc', '$.arr[?(@ =~ $.pat_bad)]'], '[]'],
      [['JSON.GET', 'doc', '$.arr[?(@ =~ $.pat_not_str1)]'], '[]'],
      [['JSON.GET', 'doc', '$.arr[?(@ =~ $.pat_not_str4)]'], '[]'],
    ]);
  });
  it('testFilterPrecedence (&& before ||)', () => {
    const doc = [{ t: true, f: false, one: 1 }, { t: true, f: false, one: 2 }];
    check(2, [
      [['JSON.SET', 'doc', '$', JSON.stringify(doc)], 'OK'],
      [['JSON.GET', 'doc', '$[?(@.f==true || @.one==1 && @.t==true)]'], json([doc[0]])],
      [['JSON.GET', 'doc', '$[?(@.f==true || @.one==1 && @.t==false)]'], '[]'],
    ]);
  });
  it('JSONPath: unions, slices, negative indexes (clamped), comparisons across types, recursive descent', () => {
    check(2, [
      [['JSON.SET', 'a', '$', '{"arr":[0,1,2,3,4,5],"o":{"x":1,"y":"1","z":[1]}}'], 'OK'],
      [['JSON.GET', 'a', '$.arr[1:4]'], '[1,2,3]'],
      [['JSON.GET', 'a', '$.arr[::2]'], '[0,2,4]'],
      [['JSON.GET', 'a', '$.arr[-2:]'], '[4,5]'],
      [['JSON.GET', 'a', '$.arr[:-4]'], '[0,1]'],
      [['JSON.GET', 'a', '$.arr[-1,0,-10]'], '[5,0,0]'],
      [['JSON.GET', 'a', '$.arr[10]'], '[]'],
      [['JSON.GET', 'a', '$.o[?(@ == 1)]'], '[1]'],
      [['JSON.GET', 'a', '$.o[?(@ == "1")]'], '["1"]'],
      [['JSON.GET', 'a', '$.o[?(@ > 0)]'], '[1]'],
      [['JSON.GET', 'a', '$.o["x","y"]'], '[1,"1"]'],
      [['JSON.GET', 'a', '$..[0]'], '[0,1]'],
      [['JSON.GET', 'a', '$.*.x'], '[1]'],
      [['JSON.GET', 'a', '$.arr[?(@>=4)]'], '[4,5]'],
      // A non-singular term matches when any of its nodes does: [1] has a child.
      [['JSON.GET', 'a', '$.o[?@.*]'], '[[1]]'],
      [['JSON.GET', 'a', '$[?(@.x && @.y)]'], '[{"x":1,"y":"1","z":[1]}]'],
    ]);
  });
  it('testGetFormatting (INDENT / NEWLINE / SPACE)', () => {
    const steps: Step[] = [[['JSON.SET', 'obj', '$', '{"obj": {"f": "v"}}'], 'OK'], [['JSON.SET', 'arr', '$', '{"arr": [0, 1]}'], 'OK']];
    for (const space of ['', ' ', '\t', '  ']) {
      for (const indent of ['', ' ', '\t', '  ']) {
        for (const newline of ['', '\n', '\r\n']) {
          const [n, i, s] = [newline, indent, space];
          steps.push([['JSON.GET', 'obj', 'INDENT', indent, 'NEWLINE', newline, 'SPACE', space], `{${n}${i}"obj":${s}{${n}${i}${i}"f":${s}"v"${n}${i}}${n}}`]);
          steps.push([['JSON.GET', 'arr', 'INDENT', indent, 'NEWLINE', newline, 'SPACE', space], `{${n}${i}"arr":${s}[${n}${i}${i}0,${n}${i}${i}1${n}${i}]${n}}`]);
        }
      }
    }
    check(2, steps);
  });
  it('testMerge', () => {
    check(2, [
      [['JSON.SET', 'test_merge', '$', '{"a":{"b":{"c":"d"}}}'], 'OK'],
      [['JSON.MERGE', 'test_merge', '$', '{"a":{"b":{"e":"f"}}}'], 'OK'],
      [['JSON.GET', 'test_merge'], '{"a":{"b":{"c":"d","e":"f"}}}'],
      [['JSON.MERGE', 'test_merge', '$.a.b', '{"h":"i"}'], 'OK'],
      [['JSON.GET', 'test_merge'], '{"a":{"b":{"c":"d","e":"f","h":"i"}}}'],
      [['JSON.MERGE', 'test_merge', '$.a.b', '{"c":null}'], 'OK'],
      [['JSON.GET', 'test_merge'], '{"a":{"b":{"h":"i","e":"f"}}}'],
      [['JSON.MERGE', 'test_merge', '$.a', '{"b":{"h":"i" "bye"}}'], contains('expected')],
      [['JSON.MERGE', 'test_merge_new', '$.a', '{"a":"i"}'], error('ERR new objects must be created at the root')],
      [['JSON.MERGE', 'test_merge_new', '$', '{"h":"i"}'], 'OK'],
      [['JSON.GET', 'test_merge_new'], '{"h":"i"}'],
    ]);
  });
  it('JSON.RESP (commands.rs resp_serialize), JSON.DEBUG HELP, JSON.CLEAR', () => {
    check(2, [
      [['JSON.SET', 'r', '$', '{"a":[1,2.5,true,null,"s"],"b":{}}'], 'OK'],
      [['JSON.RESP', 'r'], ['{', 'a', ['[', 1, '2.5', 'true', null, 's'], 'b', ['{']]],
      [['JSON.RESP', 'r', '$.a[1]'], ['2.5']],
      [['JSON.DEBUG', 'HELP'], ['MEMORY <key> [path] - reports memory usage', 'HELP                - this message']],
      [['JSON.DEBUG', 'nope'], error('ERR unknown subcommand - try `JSON.DEBUG HELP`')],
      [['JSON.CLEAR', 'r', '$.*'], 1],
      [['JSON.SET', 'c', '$', '{"n":5,"f":0.0,"s":"x","arr":[1],"o":{"a":1}}'], 'OK'],
      [['JSON.CLEAR', 'c', '$.*'], 3],
      [['JSON.GET', 'c'], '{"n":0,"f":0.0,"s":"x","arr":[],"o":{}}'],
      [['JSON.CLEAR', 'none'], error("ERR could not perform this operation on a key that doesn't exist")],
    ]);
  });
});

describe('the value type: memory, DUMP / RESTORE, COPY', () => {
  it('JSON.DEBUG MEMORY is get_memory: the 759 bytes of ivalue_manager.rs test_get_memory', () => {
    const doc = '{"a": 100.12, "b": "foo", "c": true, "d": 126, "e": -112, "f": 7388608, "g": -6388608, "h": 9388608, "i": -9485608, "j": [], "k": {}, "l": [1, "asas", {"a": 1}], "m": {"t": "f"}}';
    check(2, [
      [['JSON.SET', 'm', '$', doc], 'OK'],
      [['JSON.DEBUG', 'MEMORY', 'm'], 759],
      // [1, "asas", {"a": 1}]: 0 + 4 + (1 + 0 + (3*4+2)*8) for its items, (4+2)*8 for its capacity of 4, 8 for the IValue.
      [['JSON.DEBUG', 'MEMORY', 'm', '$.l'], [4 + 113 + 48 + 8]],
      [['JSON.DEBUG', 'MEMORY', 'none'], 0],
      [['JSON.DEBUG', 'MEMORY', 'none', '$'], []],
    ]);
  });
  it('DUMP holds the compact JSON text (rdb_save); RESTORE and COPY give the same document; TYPE ReJSON-RL', () => {
    const { run, server } = jsonServer(2);
    expect(run('JSON.SET', 'k', '$', '{"b":[1,2.50,{"x":null}],"a":"\\u00e9"}')).toBe('OK');
    const dump = server.execute(server.createClient(), ['DUMP' as never, 'k' as never]) as string;
    expect(Buffer.from(dump, 'latin1').includes(Buffer.from('{"b":[1,2.5,{"x":null}],"a":"é"}', 'utf8'))).toBe(true);
    expect(run('RESTORE', 'k2', 0, Buffer.from(dump, 'latin1'))).toBe('OK');
    expect(run('JSON.GET', 'k2')).toBe('{"b":[1,2.5,{"x":null}],"a":"é"}');
    expect(run('COPY', 'k', 'k3')).toBe(1);
    expect(run('JSON.SET', 'k3', '$.a', '1')).toBe('OK');
    expect([run('JSON.GET', 'k', '$.a'), run('JSON.GET', 'k3', '$.a')]).toEqual(['["é"]', '[1]']);
    expect([run('TYPE', 'k'), run('OBJECT', 'ENCODING', 'k')]).toEqual(['ReJSON-RL', 'raw']);
    expect(run('MEMORY', 'USAGE', 'k')).toBeGreaterThan(run('JSON.DEBUG', 'MEMORY', 'k') as number);
    expect(run('RENAME', 'k', 'moved')).toBe('OK');
    expect(run('JSON.GET', 'moved', '$.b[1]')).toBe('[2.5]');
    expect(run('PEXPIRE', 'moved', 1)).toBe(1);
    server.fastForward(5);
    expect(run('JSON.GET', 'moved')).toBe(null);
    expect(run('DEL', 'k2', 'k3')).toBe(2);
  });
});

describe('replication (apply_changes: RedisModule_ReplicateVerbatim)', () => {
  it('a write that changed the document goes to the AOF and replicas as sent; reads, no-ops and errors do not', () => {
    const { server, run } = jsonServer(2);
    const fed: string[] = [];
    addPropagationListener(server, (_db, argv) => fed.push(argv.join(' ')));
    run('JSON.SET', 'k', '$', '{"a":1,"b":[true]}');
    run('JSON.SET', 'k', '$', '{}', 'NX');
    run('JSON.SET', 'k', '$.zz.y', '1');
    run('JSON.GET', 'k');
    run('JSON.NUMINCRBY', 'k', '$.a', '2');
    run('JSON.NUMINCRBY', 'k', '$.b', '2');
    run('JSON.TOGGLE', 'k', '$.b[0]');
    run('JSON.DEL', 'k', '$.nothing');
    run('JSON.ARRPOP', 'k', '$.b');
    run('JSON.ARRPOP', 'k', '$.b');
    run('JSON.MSET', 'k', '$.a', '5', 'n', '$', '[]');
    expect(fed.filter((c) => c.startsWith('JSON'))).toEqual([
      'JSON.SET k $ {"a":1,"b":[true]}', 'JSON.NUMINCRBY k $.a 2', 'JSON.TOGGLE k $.b[0]', 'JSON.ARRPOP k $.b', 'JSON.MSET k $.a 5 n $ []',
    ]);
  });
});
