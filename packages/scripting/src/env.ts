import { type DoubleFormat, type ErrorReply, type ServerProfile, versionAtLeast } from '@fakeredis/core';
import { ERR_INVALID_SHEBANG, errUnexpectedEngine, errUnexpectedFlag, errUnknownShebangOption } from './errors.js';
import { STORE_SPEC } from './engine/store.js';
import { tokenize } from './functions/lua-scope.js';

/** The name of the host call the environment's shims use (a name no command has). */
export const HOST_CALL = '\0fakeredis';

/**
 * Lua put in front of every script, on its first line (so line numbers do not move). It
 * completes Redis 7.0's environment where lua-redis-wasm differs:
 *
 * - The engine is put in RESP3 mode, so the typed reply tables ({double=}, {map=} ...)
 *   convert whatever the script's protocol (the engine converts them only in RESP3); the
 *   script's own protocol is tracked by the host, which turns booleans into 1 / nil for RESP2.
 * - `redis` and `math` are shadowed by read-only locals whose missing fields come from the
 *   originals: redis.setresp, set_repl, replicate_commands, breakpoint, debug and
 *   acl_check_cmd behave as Redis 7.0's, and math.random / math.randomseed draw from the
 *   server's own rand48 generator (Redis never reseeds it, so the sequence runs on across
 *   scripts from the state Redis starts with).
 */
const RO = `function() error("Attempt to modify a readonly table", 2) end`;
const CHECK_INT = `local function __fr_int(i, n, v) local x = tonumber(v) if x == nil then error("\\1fr-pos:bad argument #" .. i .. " to '" .. n .. "' (number expected, got " .. type(v) .. ")", 3) end return x >= 0 and math.floor(x) or math.ceil(x) end`;
const REDIS_SHIM = [
  `setresp = function(...) if select('#', ...) ~= 1 then error("\\1fr-err:ERR __FR_LIB__.setresp() requires one argument.", 2) end local v = tonumber((...)) if v ~= 2 and v ~= 3 then error("\\1fr-err:ERR RESP version must be 2 or 3.", 2) end __fr_p(__fr_h, "setresp", v) end`,
  `set_repl = function(...) if select('#', ...) ~= 1 then error("\\1fr-err:__FR_SET_REPL_ARITY__", 2) end local v = tonumber((...)) or 0 v = v >= 0 and math.floor(v) or math.ceil(v) if v ~= 0 and v ~= 1 and v ~= 2 and v ~= 3 then error("\\1fr-err:ERR Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.", 2) end __fr_p(__fr_h, "set_repl", v) end`,
  // luaLogCommand: its checks, the level as an int, the string and number arguments joined by spaces.
  `log = function(...) local n = select('#', ...) if n < 2 then error("\\1fr-err:ERR __FR_LIB__.log() requires two arguments or more.", 2) end local l = tonumber((...)) if l == nil then error("\\1fr-err:ERR First argument must be a number (log level).", 2) end l = l >= 0 and math.floor(l) or math.ceil(l) if l < 0 or l > 3 then error("\\1fr-err:__FR_LOG_LEVEL__", 2) end local t = {} for i = 2, n do local v = select(i, ...) local ty = type(v) if ty == "string" or ty == "number" then t[#t + 1] = tostring(v) end end __fr_p(__fr_h, "log", l, table.concat(t, " ")) end`,
  `error_reply = function(...) if select('#', ...) ~= 1 or type((...)) ~= "string" then return { err = "ERR wrong number or type of arguments" } end local e = (...) if e:sub(1, 1) ~= "-" then e = "-" .. e end local sp = e:find(" ", 1, true) local m if sp then m = e:sub(2, sp - 1) .. " " .. e:sub(sp + 1):gsub("^[\\r\\n]+", ""):gsub("[\\r\\n]+$", "") else m = "ERR " .. e:sub(2):gsub("^[\\r\\n]+", ""):gsub("[\\r\\n]+$", "") end return { err = m } end`,
  `status_reply = function(...) if select('#', ...) ~= 1 or type((...)) ~= "string" then return { err = "ERR wrong number or type of arguments" } end return { ok = (...) } end`,
  `replicate_commands = function() return true end`,
  `breakpoint = function() return false end`,
  `debug = function() end`,
  `acl_check_cmd = function(...) local r = __fr_p(__fr_h, "acl", ...) if type(r) == "table" and r.err then error("\\1fr-err:" .. r.err, 2) end return r == 1 end`,
].join(', ');
const MATH_SHIM = [
  `random = function(...) local n = select('#', ...) local r = __fr_p(__fr_h, "random") r = (r % 2147483647) / 2147483647 ` +
    `if n == 0 then return r end ` +
    `if n == 1 then local u = __fr_int(1, "random", (...)) if u < 1 then error("\\1fr-pos:bad argument #1 to 'random' (interval is empty)", 2) end return math.floor(r * u) + 1 end ` +
    `if n == 2 then local l, u = __fr_int(1, "random", (...)), __fr_int(2, "random", (select(2, ...))) if l > u then error("\\1fr-pos:bad argument #2 to 'random' (interval is empty)", 2) end return math.floor(r * (u - l + 1)) + l end ` +
    `error("\\1fr-pos:wrong number of arguments", 2) end`,
  `randomseed = function(...) __fr_p(__fr_h, "randomseed", __fr_int(1, "randomseed", (...))) end`,
].join(', ');

/**
 * Redis 7.0 turns a number passed to redis.call / redis.pcall into a string with "%.17g"
 * (luaArgsToRedisArgv); the engine uses Lua's tostring ("%.14g"), which loses digits:
 * 7230000000000123 would reach the command as 7.2300000000001e+15 (BullMQ scores delayed
 * jobs timestamp * 4096 + counter, and such scores would tie). So the script's call sites
 * are rewritten: `redis.call(a, b)` becomes `redis.call(__fr_n(a, b))`, where __fr_n
 * formats numbers as Redis does. The call itself stays in the script's frame, so an error
 * it raises names the script's line. Call sites through a local alias (`local rcall =
 * redis.call`, as BullMQ does) are rewritten too; a call site whose arguments are all
 * string literals, KEYS[n] or ARGV[n] is left as it is.
 */
/**
 * Redis 7.2 formats those numbers with fpconv_dtoa (the shortest text that reads back the
 * same double) where 7.0 used "%.17g": for such profiles __fr_n marks the "%.17g" text
 * (which reads back exactly) and the host writes it as fpconv does (run.ts).
 */
export const NUMBER_MARKER = '\0fr-num:';

const NUMBER_ARGS = (format: DoubleFormat): string =>
  `local __fr_n do local ty, sel, fmt, unp = type, select, string.format, unpack ` +
  `local function conv(n, ...) local a = {...} for i = 1, n do if ty(a[i]) == "number" then a[i] = ${format === 'shortest' ? '"\\0fr-num:" .. ' : ''}fmt("%.17g", a[i]) end end return unp(a, 1, n) end ` +
  `__fr_n = function(...) local a1, a2, a3, a4 = ... local n = sel("#", ...) ` +
  `if ty(a1) == "number" or ty(a2) == "number" or ty(a3) == "number" or ty(a4) == "number" then return conv(n, ...) end ` +
  `for i = 5, n do if ty((sel(i, ...))) == "number" then return conv(n, ...) end end return ... end end `;

type Tokens = ReturnType<typeof tokenize>;

/** The index of the `)` closing the `(` at `open`, or -1. */
function closingParen(tokens: Tokens, open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i] as Tokens[number];
    if (t.kind !== 'op') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Arguments that are certainly strings: string literals, KEYS[n], ARGV[n], separated by commas. */
function stringArguments(tokens: Tokens, open: number, close: number): boolean {
  let i = open + 1;
  if (i === close) return true;
  for (;;) {
    const t = tokens[i] as Tokens[number];
    if (t.kind === 'string') i++;
    else if (
      t.kind === 'name' && (t.text === 'KEYS' || t.text === 'ARGV') &&
      tokens[i + 1]?.text === '[' && tokens[i + 2]?.kind === 'number' && tokens[i + 3]?.text === ']'
    ) i += 4;
    else return false;
    if (i === close) return true;
    if (tokens[i]?.text !== ',') return false;
    i++;
  }
}

// `server` is Valkey's alias of `redis` (elsewhere reading it fails either way).
const isRedisCall = (tokens: Tokens, i: number): boolean =>
  tokens[i]?.kind === 'name' && (tokens[i]?.text === 'redis' || tokens[i]?.text === 'server') && tokens[i + 1]?.text === '.' &&
  (tokens[i + 2]?.text === 'call' || tokens[i + 2]?.text === 'pcall');

/** What the call sites' rewrite (convertCallSites) adds. */
export interface CallSiteOptions {
  /** Numbers passed as arguments become strings with "%.17g" (NUMBER_ARGS). */
  readonly numbers: boolean;
  /** The reply goes through __fr_v (NULL_REPLIES), for scripts that may use RESP3. */
  readonly nulls: boolean;
}

/** The null marker the host puts in RESP3 replies of rewritten call sites (a status no command replies). */
export const NULL_MARKER = '\0fr-null';

/**
 * `code` with its redis.call / redis.pcall call sites rewritten (numbers: arguments
 * through __fr_n; nulls: the reply through __fr_v), or undefined when nothing changes. A
 * call site whose arguments are all string literals, KEYS[n] or ARGV[n] keeps them.
 */
export function convertCallSites(code: string, options: CallSiteOptions = { numbers: true, nulls: false }): string | undefined {
  if (!code.includes('redis') && !code.includes('server')) return undefined;
  let tokens: Tokens;
  try {
    tokens = tokenize(code);
  } catch {
    return undefined;
  }
  // Local aliases: `local rcall = redis.call`.
  const aliases = new Set<string>();
  for (let i = 0; i + 3 < tokens.length; i++) {
    if (tokens[i]?.text === 'local' && tokens[i + 1]?.kind === 'name' && tokens[i + 2]?.text === '=' && isRedisCall(tokens, i + 3) && tokens[i + 6]?.text !== '(') {
      aliases.add((tokens[i + 1] as Tokens[number]).text);
    }
  }
  const inserts: Array<[number, string]> = [];
  for (let i = 0; i < tokens.length; i++) {
    let open = -1;
    if (isRedisCall(tokens, i) && tokens[i + 3]?.text === '(') open = i + 3;
    else if (
      tokens[i]?.kind === 'name' && aliases.has((tokens[i] as Tokens[number]).text) && tokens[i + 1]?.text === '(' &&
      tokens[i - 1]?.text !== '.' && tokens[i - 1]?.text !== ':' && tokens[i - 1]?.text !== 'function'
    ) open = i + 1;
    if (open < 0) continue;
    const close = closingParen(tokens, open);
    if (close < 0) continue;
    const closeAt = (tokens[close] as Tokens[number]).start;
    if (options.numbers && !stringArguments(tokens, open, close)) inserts.push([(tokens[open] as Tokens[number]).start + 1, '__fr_n('], [closeAt, ')']);
    if (options.nulls) inserts.push([(tokens[i] as Tokens[number]).start, '__fr_v('], [closeAt + 1, ')']);
  }
  if (inserts.length === 0) return undefined;
  inserts.sort((a, b) => b[0] - a[0]);
  let out = code;
  for (const [at, text] of inserts) out = out.slice(0, at) + text + out.slice(at);
  return out;
}

/** The call sites' number conversion alone (see convertCallSites). */
export const convertNumberArguments = (code: string): string | undefined => convertCallSites(code);

/** Scripts that may switch to RESP3 get their replies' nulls as nil (NULL_REPLIES). */
export const mayUseResp3 = (code: string): boolean => code.includes('setresp');

/**
 * RESP3 nulls as Redis 7.0 gives them to a RESP3 script: nil (redisProtocolToLuaType_Null),
 * also inside arrays (a hole, the table built as Redis builds it, key after key) and map
 * values. The engine can only express false, so for rewritten call sites (__fr_v(...)) the
 * host sends a marker status in their place, and __fr_v rebuilds the reply.
 */
const NULL_REPLIES =
  `local __fr_v do local ty, rg, NUL = type, rawget, "${NULL_MARKER.replace('\0', '\\0')}" ` +
  `local function fix(v) if ty(v) ~= "table" then return v end if rg(v, "ok") == NUL then return nil end ` +
  `if rg(v, 1) ~= nil then local r = {} for i = 1, #v do local x = v[i] if ty(x) == "table" then x = fix(x) end r[i] = x end return r end ` +
  `local m = rg(v, "map") if ty(m) == "table" and rg(v, "ok") == nil and rg(v, "err") == nil then local r = {} for k, x in pairs(m) do if ty(x) == "table" then x = fix(x) end r[k] = x end return {map = r} end ` +
  `return v end __fr_v = function(v) return fix(v) end end `;

/**
 * The script's result as luaReplyToRedisReply reads it, where the engine differs: a NaN
 * becomes INT64_MIN as Redis's (long long) cast gives on x86-64 (2^63, which the engine
 * saturates and wire.ts maps back), also inside arrays; a `double` that is not a number or
 * a `big_number` that is not a string makes the table an array (Redis checks the field's
 * type; the engine converts strings and numbers alike).
 */
const RESULT_FIX =
  `local __fr_r do local ty, rg = type, rawget ` +
  `local function arr(v) local r, i = {}, 1 while true do local x = rg(v, i) if x == nil then return r end r[i] = x i = i + 1 end end ` +
  `local function fix(v, d) local t = ty(v) if t == "number" then if v ~= v then return 2^63 end return v end if t ~= "table" or d > 100 then return v end ` +
  `if ty(rg(v, "err")) == "string" or ty(rg(v, "ok")) == "string" then return v end ` +
  `local x = rg(v, "double") if x ~= nil then if ty(x) == "number" then return v end v = arr(v) end ` +
  `x = rg(v, "big_number") if x ~= nil then if ty(x) == "string" then return v end v = arr(v) end ` +
  `if rg(v, "map") ~= nil or rg(v, "set") ~= nil or rg(v, "verbatim_string") ~= nil then return v end ` +
  `local i = 1 while true do x = rg(v, i) if x == nil then return v end local y = fix(x, d + 1) if y ~= x then v[i] = y end i = i + 1 end end ` +
  `__fr_r = function(v) return fix(v, 0) end end `;
/** Code that may produce a NaN or a mistyped reply table. */
const MAY_NEED_RESULT_FIX = /\/|nan|huge|math|tonumber|\^|double|big_number/i;

/** The functions the environment replaces with Lua (their errors name the caller's line). */
const SHIMMED = new Map<string, Set<string>>([
  ['redis', new Set(['setresp', 'set_repl', 'log', 'acl_check_cmd'])],
  ['server', new Set(['setresp', 'set_repl', 'log', 'acl_check_cmd'])],
  ['math', new Set(['random', 'randomseed'])],
]);

/**
 * `return f(...)` is a tail call in Lua 5.1: the caller's frame (and its line) is gone
 * when a Lua function is called that way, where Redis's C functions keep it. So a
 * `return` of a shimmed function (error, redis.setresp ...) gets parentheses, `return
 * (f(...))`, which is an ordinary call; these functions return at most one value. Undefined
 * when there is nothing to change.
 */
export function untailShims(code: string): string | undefined {
  if (!code.includes('return')) return undefined;
  let tokens: Tokens;
  try {
    tokens = tokenize(code);
  } catch {
    return undefined;
  }
  const inserts: Array<[number, string]> = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]?.kind !== 'keyword' || tokens[i]?.text !== 'return') continue;
    const first = tokens[i + 1];
    if (first?.kind !== 'name') continue;
    let open = -1;
    if ((first.text === 'error' || first.text === 'setfenv' || first.text === 'getfenv') && tokens[i + 2]?.text === '(') open = i + 2;
    else if (tokens[i + 2]?.text === '.' && SHIMMED.get(first.text)?.has(tokens[i + 3]?.text ?? '') === true && tokens[i + 4]?.text === '(') open = i + 4;
    if (open < 0) continue;
    const close = closingParen(tokens, open);
    if (close < 0) continue;
    inserts.push([first.start, '('], [(tokens[close] as Tokens[number]).start + 1, ')']);
  }
  if (inserts.length === 0) return undefined;
  inserts.sort((a, b) => b[0] - a[0]);
  let out = code;
  for (const [at, text] of inserts) out = out.slice(0, at) + text + out.slice(at);
  return out;
}

const BASE_PREFIX = `redis.setresp(3); local __fr_p, __fr_h = redis.pcall, "\\0fakeredis"; `;
const REDIS_PREFIX = (lua: LuaProfile): string =>
  `local redis = setmetatable({}, { __index = setmetatable({ ${REDIS_SHIM.replace('__FR_SET_REPL_ARITY__', lua.setReplArity).replace('__FR_LOG_LEVEL__', lua.logLevelError).replaceAll('__FR_LIB__', lua.lib)}${lua.fields} }, { __index = redis }), __newindex = ${RO} }); `;
const MATH_PREFIX = `${CHECK_INT}; local math = setmetatable({}, { __index = setmetatable({ ${MATH_SHIM} }, { __index = math }), __newindex = ${RO} }); `;
const REDIS_SHIMMED = /setresp|set_repl|replicate_commands|breakpoint|debug|acl_check_cmd|error_reply|status_reply|\blog\b/;

/**
 * Errors the environment raises carry a marker after the position Lua put in front
 * (`error(msg, 2)` names the caller's line): `\1fr-err:` (the message is Redis's error
 * table's `err`, used as it is) or `\1fr-pos:` (a Lua error whose position stays in the
 * message). run.ts reads the line and the message from them (decodeMarkedError).
 *
 * `error(t)` with an error table (`{err = ...}`, redis.error_reply's): the engine would
 * report "script execution failed", so the script's `error` raises the marked string
 * instead (other values go on to Lua's error, one level up so that positions stay the
 * caller's).
 */
const ERROR_PREFIX =
  `local __fr_error do local e0, p0, ty, sm = error, pcall, type, string.match __fr_error = function(e, l) local t = ty(e) ` +
  `if t == "table" then local m = e.err if ty(m) == "string" or ty(m) == "number" then e0("\\1fr-err:" .. m, 2) end end ` +
  `if l == nil then l = 2 elseif ty(l) == "number" and l > 0 then l = l + 1 end ` +
  // The caller's line, for a message without a position (level 0): \1fr-at:<line>\1.
  `if t == "string" or t == "number" then local _, w = p0(e0, "", 3) e = "\\1fr-at:" .. (sm(w, ":(%d+): $") or "") .. "\\1" .. e end e0(e, l) end end `;

/**
 * Redis 7.0's pcall (luaRedisPcall) gives the `err` string of an error table it catches;
 * here it also takes the markers off. xpcall's handler gets an error table back as a table.
 * `pcall(redis.call, ...)` (or redis.pcall) is a call site the rewrite cannot see: its
 * numbers go through __fr_n and its reply through __fr_v here, when the prefix has them.
 */
const PCALL_PREFIX = (numbers: boolean, nulls: boolean): string =>
  `local __fr_pcall, __fr_xpcall do local p0, x0, ty, fi, su = pcall, xpcall, type, string.find, string.sub local rc, rp = redis.call, redis.pcall ` +
  `local function un(e) if ty(e) == "string" then local i = fi(e, "\\1fr-", 1, true) if i then local k = su(e, i + 4, i + 7) ` +
  `if k == "err:" then return su(e, i + 8), true end local j = k == "pos:" and i + 7 or fi(e, "\\1", i + 1, true) return su(e, 1, i - 1) .. su(e, j + 1), false end end return e, false end ` +
  `local function fix(ok, ...) if ok then return ok, ... end local e = ... if ty(e) == "table" then local m = e.err if ty(m) == "string" or ty(m) == "number" then e = m end else e = un(e) end return false, e end ` +
  (nulls ? `local function fixv(ok, ...) if ok then return ok, __fr_v((...)) end return fix(ok, ...) end ` : '') +
  `__fr_pcall = function(f, ...) ` +
  (numbers || nulls ? `if f == rc or f == rp then return ${nulls ? 'fixv' : 'fix'}(p0(f, ${numbers ? '__fr_n(...)' : '...'})) end ` : '') +
  `return fix(p0(f, ...)) end ` +
  `__fr_xpcall = function(f, h) return x0(f, function(e) local m, t = un(e) if t then m = {err = m} end return h(m) end) end end `;

/** `pcall(redis.call, ...)`: a redis.call the call sites' rewrite does not see. */
const PCALL_OF_REDIS = /\bx?pcall\s*\(\s*(?:redis|server)\s*\.\s*p?call\b/;

const NAMES_ERROR = /\berror\b/;
const NAMES_PCALL = /(?<![.:]\s*)\bx?pcall\b/;

/**
 * What the server's profile changes in the Lua environment: the version fields of the
 * `redis` table (the engines load Redis 7.0.15's) and Valkey's `server` alias.
 */
export interface LuaProfile {
  /** The `redis` fields that differ from the engine's, as Lua table fields (`, K = v`), or ''. */
  readonly fields: string;
  /** `server` is the same table as `redis` (Valkey 8+). */
  readonly serverAlias: boolean;
  /** The sandboxed `os` library, `os.clock` alone (Redis 7.4+, Valkey 8+). */
  readonly os: boolean;
  /** How numbers passed to redis.call become strings: "%.17g" (7.0) or fpconv_dtoa's shortest (7.2+). */
  readonly numbers: DoubleFormat;
  /** redis.set_repl()'s arity error (7.2 says "one argument", as it takes one). */
  readonly setReplArity: string;
  /** redis.log()'s error for a level out of range ("debug" before 7.4, "log" from 7.4 and in Valkey). */
  readonly logLevelError: string;
  /** The library's name in its helpers' errors: "redis", or Valkey's "server". */
  readonly lib: string;
  /** Integral numbers passed to redis.call are written as integers first (Valkey's double2ll). */
  readonly integerArguments: boolean;
  /**
   * Scripts EVAL cached (not SCRIPT LOAD) are kept in an LRU list of this many, the oldest
   * evicted past it (INFO evicted_scripts): 500 from Redis 7.4 and Valkey 8.0, else 0 (no limit).
   */
  readonly evalCacheLimit: number;
  /** SCRIPT LOAD of a script EVAL cached takes it off that list for good (Valkey 8.0; Redis 7.4 leaves it there). */
  readonly scriptLoadKeeps: boolean;
  /** Scripts have Lua's setfenv and getfenv (Redis 7.2.4 / 7.4.1, Valkey 8.0 / 8.1; not 7.0, 8.0.6+, Valkey 9). */
  readonly fenv: boolean;
}

const ENGINE_VERSION = '7.0.15';
/** eval.c's LRU_LIST_LENGTH. */
const EVAL_CACHE_LIMIT = 500;
const versionNum = (v: string): number => {
  const [a = 0, b = 0, c = 0] = v.split('.').map((x) => Number.parseInt(x, 10) || 0);
  return (a << 16) | (b << 8) | c;
};
const profiles = new WeakMap<ServerProfile, LuaProfile>();

/**
 * The Lua environment of a profile: Redis's REDIS_VERSION(_NUM) are its version; Valkey
 * keeps REDIS_VERSION at the Redis OSS version it is compatible with (7.2.4, as its INFO
 * redis_version) and adds VALKEY_VERSION(_NUM), SERVER_NAME and the `server` alias
 * (script_lua.c's luaRegisterVersion and luaRegisterServerAPI).
 */
export function luaProfile(profile: ServerProfile): LuaProfile {
  let lua = profiles.get(profile);
  if (lua !== undefined) return lua;
  const field = (k: string, v: string | number): string => `, ${k} = ${typeof v === 'number' ? v : JSON.stringify(v)}`;
  if (profile.serverType === 'valkey') {
    lua = {
      fields: field('REDIS_VERSION', profile.redisVersion) + field('REDIS_VERSION_NUM', versionNum(profile.redisVersion)) + field('VALKEY_VERSION', profile.version) +
        field('VALKEY_VERSION_NUM', versionNum(profile.version)) + field('SERVER_NAME', 'valkey'),
      serverAlias: true,
      os: true,
      numbers: profile.doubleFormat,
      setReplArity: 'ERR server.set_repl() requires one argument.',
      logLevelError: 'ERR Invalid log level.',
      lib: 'server',
      integerArguments: true,
      evalCacheLimit: versionAtLeast(profile, '8.0.0') ? EVAL_CACHE_LIMIT : 0,
      scriptLoadKeeps: true,
      fenv: !versionAtLeast(profile, '9.0.0'),
    };
  } else {
    const same = profile.version === ENGINE_VERSION;
    lua = {
      fields: same ? '' : field('REDIS_VERSION', profile.version) + field('REDIS_VERSION_NUM', versionNum(profile.version)),
      serverAlias: false,
      os: versionAtLeast(profile, '7.4.0'),
      // Redis's double formatting and luaArgsToRedisArgv changed together (fpconv_dtoa, 7.2).
      numbers: profile.doubleFormat,
      setReplArity: versionAtLeast(profile, '7.2.0') ? 'ERR redis.set_repl() requires one argument.' : 'ERR redis.set_repl() requires two arguments.',
      logLevelError: versionAtLeast(profile, '7.4.0') ? 'ERR Invalid log level.' : 'ERR Invalid debug level.',
      lib: 'redis',
      integerArguments: false,
      evalCacheLimit: versionAtLeast(profile, '7.4.0') ? EVAL_CACHE_LIMIT : 0,
      scriptLoadKeeps: false,
      fenv: versionAtLeast(profile, '7.2.0') && !versionAtLeast(profile, '8.0.0'),
    };
  }
  profiles.set(profile, lua);
  return lua;
}

/** Redis 7.0.15's environment (the engine's own). */
export const DEFAULT_LUA_PROFILE: LuaProfile = {
  fields: '',
  serverAlias: false,
  os: false,
  numbers: 'printf17g',
  setReplArity: 'ERR redis.set_repl() requires two arguments.',
  logLevelError: 'ERR Invalid debug level.',
  lib: 'redis',
  integerArguments: false,
  evalCacheLimit: 0,
  scriptLoadKeeps: false,
  fenv: false,
};

/**
 * Redis 7.4's and Valkey's `os`: a read-only table with `clock` alone (the process's CPU
 * seconds, clock() / CLOCKS_PER_SEC; here the host process's, through a host call that
 * answers a {double} table, as the engine's integers would drop the fraction).
 */
const OS_PREFIX =
  `local __fr_os = setmetatable({}, { __index = { clock = function() return __fr_p(__fr_h, "clock").double end }, __newindex = ${RO} }); `;
const NAMES_OS = /\bos\b/;
const VERSION_NAMES = /REDIS_VERSION|VALKEY_VERSION|SERVER_NAME/;
const NAMES_SERVER = /\bserver\b/;

/**
 * Lua's setfenv and getfenv, as Redis 7.2.4 / 7.4.1 and Valkey 8.0 / 8.1 leave them in the
 * sandbox. lua-redis-wasm removes them; each engine's store link (engine/store.ts) makes
 * two C closures that are Lua's own, handed out behind the store's secret. These shims
 * keep a script to what is its own, as engines are shared by every server of the process:
 * - The chunk's frames are not the script's (in Redis the script's function is called
 *   from C): the chunk runs with an environment S of its own (the shims, made after it
 *   switches, get S too), and the script's function gets the real globals back. A level
 *   whose function has S is a shim (a C function in Redis: `cannot change environment`)
 *   or, when nothing is above it, the chunk ("invalid level").
 * - `setfenv(0, t)` would replace the engine's globals for every later script; it sets
 *   what getfenv(0) (and getfenv of a C function) answer for this run instead.
 * - The store's gates are refused as C functions are.
 * Argument errors are luaL_checkint's and luaL_checktype's texts, on the caller's line.
 */
const FENV_PREFIX =
  `local __fr_own, getfenv, setfenv do local sf, gf = getmetatable(_G).__fr_fenv("${STORE_SPEC.secret}") if sf then ` +
  `local G, T0, ty, tn, sel, pc, e0, req, fl, ce, sd, rg, mt = _G, _G, type, tonumber, select, pcall, error, rawequal, math.floor, math.ceil, string.dump, rawget, getmetatable(_G) ` +
  `local S = setmetatable({}, { __index = G, __newindex = G }) sf(1, S) ` +
  // The script's function (the caller) gets the real globals back, once (the natives stay in this block: the script can name chunk locals).
  `local own = G __fr_own = function() if own then sf(2, own) own = nil end end ` +
  `local function bad(n, w) e0("\\1fr-pos:bad argument #1 to '" .. n .. "' (" .. w .. ")", 4) end ` +
  `local function level(n, v, none, opt) if opt and v == nil then return 1 end local l = tn(v) ` +
  `if l == nil then bad(n, "number expected, got " .. (none and "no value" or ty(v))) end l = l >= 0 and fl(l) or ce(l) if l < 0 then bad(n, "level must be non-negative") end return l end ` +
  `local function frame(n, l) local ok, e = pc(gf, l + 3) if not ok then if tn(e:match("tail call at level (%d+)")) then e0("\\1fr-pos:no function environment for tail call at level " .. l, 3) end bad(n, "invalid level") end ` +
  `if req(e, S) and not pc(gf, l + 4) then bad(n, "invalid level") end return e end ` +
  `local function native(f) return not pc(sd, f) or req(gf(f), S) or f == rg(mt, "__fr_libraries") or f == rg(mt, "__fr_fenv") end ` +
  `getfenv = function(...) local f = ... if ty(f) == "function" then if native(f) then return T0 end return gf(f) end ` +
  `local l = level("getfenv", f, sel("#", ...) == 0, true) if l == 0 then return T0 end local e = frame("getfenv", l) if req(e, S) then return T0 end return e end ` +
  `setfenv = function(...) local n = sel("#", ...) local f, t = ... ` +
  `if ty(t) ~= "table" then e0("\\1fr-pos:bad argument #2 to 'setfenv' (table expected, got " .. (n < 2 and "no value" or ty(t)) .. ")", 2) end ` +
  `local CANNOT = "\\1fr-pos:'setfenv' cannot change environment of given object" ` +
  `if ty(f) == "function" then if native(f) then e0(CANNOT, 2) end return (sf(f, t)) end ` +
  `local l = level("setfenv", f, n == 0, false) if l == 0 then if tn(f) ~= 0 then e0(CANNOT, 2) end T0 = t return end ` +
  `if req(frame("setfenv", l), S) then e0(CANNOT, 2) end local ok, r = pc(sf, l + 2, t) if not ok then e0(CANNOT, 2) end return r end ` +
  `end end `;
const NAMES_FENV = /\b[sg]etfenv\b/;

/**
 * The prefix for `code`. The engine compiles the whole chunk on every run (about 8 ns a
 * character here), so the shims are put in only when the code names what they replace (a
 * field of `redis`, `random`, `error`, `pcall`, `server`), and the number conversion only
 * when `code` uses it. It defines `__fr_error` / `__fr_pcall` / `__fr_xpcall` (when named)
 * for the caller to bind; `redis`, `math` and `server` are bound here.
 */
export function scriptPrefix(code: string, lua: LuaProfile = DEFAULT_LUA_PROFILE): string {
  const alias = lua.serverAlias && NAMES_SERVER.test(code);
  const shimRedis = REDIS_SHIMMED.test(code) || (lua.fields !== '' && VERSION_NAMES.test(code)) || alias;
  const pcallsRedis = PCALL_OF_REDIS.test(code);
  const numbers = code.includes('__fr_n(') || pcallsRedis;
  const nulls = code.includes('__fr_v(') || (pcallsRedis && mayUseResp3(code));
  return BASE_PREFIX + (lua.fenv && NAMES_FENV.test(code) ? FENV_PREFIX : '') + (numbers ? NUMBER_ARGS(lua.numbers) : '') + (nulls ? NULL_REPLIES : '') + (shimRedis ? REDIS_PREFIX(lua) : '') +
    (alias ? 'local server = redis; ' : '') + (code.includes('random') ? MATH_PREFIX : '') +
    (NAMES_ERROR.test(code) ? ERROR_PREFIX : '') + (NAMES_PCALL.test(code) ? PCALL_PREFIX(numbers, nulls) : '') + (MAY_NEED_RESULT_FIX.test(code) ? RESULT_FIX : '') +
    (lua.os && NAMES_OS.test(code) ? OS_PREFIX : '');
}

/**
 * The chunk the engine runs for a script's code: the prefix, then the code in a vararg
 * function whose first result alone is returned (Redis keeps one result of the chunk;
 * lua-redis-wasm would keep the last). Lines do not move.
 */
export function wrapScript(code: string, lua: LuaProfile = DEFAULT_LUA_PROFILE): string {
  const numbers = convertCallSites(code, { numbers: true, nulls: mayUseResp3(code) }) ?? code;
  const converted = untailShims(numbers) ?? numbers;
  const prefix = scriptPrefix(converted, lua);
  const binds = (prefix.includes('__fr_error =') ? 'local error = __fr_error; ' : '') +
    (prefix.includes('__fr_pcall =') ? 'local pcall, xpcall = __fr_pcall, __fr_xpcall; ' : '') +
    (prefix.includes('__fr_os =') ? 'local os = __fr_os; ' : '');
  const result = prefix.includes('__fr_r =') ? '__fr_r' : '';
  // With setfenv (FENV_PREFIX) the script's function first gets the real globals back.
  const own = prefix.includes('__fr_fenv(') ? 'if __fr_own then __fr_own() end; ' : '';
  return `${prefix}${binds}return ${result}((function(...) ${own}${converted}\nend)(...))`;
}

/** A chunk that compiles a script (as Redis does before running it): nil, or the error. */
export const COMPILE_CHECK = `local f, e = loadstring(ARGV[1], "@user_script") if f then return nil end return e`;

/** Script flags of Redis 7.0 (the shebang's `flags=`). */
export interface ScriptFlags {
  /** The script had a shebang (Redis then applies the flags; without one, EVAL's legacy rules). */
  readonly shebang: boolean;
  readonly noWrites: boolean;
  readonly allowOom: boolean;
  readonly allowStale: boolean;
  readonly noCluster: boolean;
  readonly allowCrossSlotKeys: boolean;
}

const NO_SHEBANG: ScriptFlags = { shebang: false, noWrites: false, allowOom: false, allowStale: false, noCluster: false, allowCrossSlotKeys: false };

/** A script's body as it is compiled (the shebang line emptied, keeping line numbers) and its flags. */
export interface ParsedScript {
  readonly code: string;
  readonly flags: ScriptFlags;
}

/** evalExtractShebangFlags: reads `#!lua [flags=a,b]`; an ErrorReply when it is invalid. */
export function parseScript(body: string): ParsedScript | ErrorReply {
  if (!body.startsWith('#!')) return { code: body, flags: NO_SHEBANG };
  const end = body.indexOf('\n');
  const line = end < 0 ? body : body.slice(0, end);
  if (end < 0) return ERR_INVALID_SHEBANG;
  // sdssplitargs: any whitespace separates.
  const parts = line.split(/[ \t\r\v\f]+/).filter((p) => p.length > 0);
  if (parts[0] !== '#!lua') return errUnexpectedEngine(parts[0] ?? line);
  const flags = { shebang: true, noWrites: false, allowOom: false, allowStale: false, noCluster: false, allowCrossSlotKeys: false };
  for (const part of parts.slice(1)) {
    if (!part.startsWith('flags=')) return errUnknownShebangOption(part);
    for (const flag of part.slice(6).split(',')) {
      switch (flag) {
        case 'no-writes': flags.noWrites = true; break;
        case 'allow-oom': flags.allowOom = true; break;
        case 'allow-stale': flags.allowStale = true; break;
        case 'no-cluster': flags.noCluster = true; break;
        case 'allow-cross-slot-keys': flags.allowCrossSlotKeys = true; break;
        default: return errUnexpectedFlag(flag);
      }
    }
  }
  return { code: body.slice(end), flags };
}
