import type { ErrorReply } from '@fakeredis/core';
import { ERR_INVALID_SHEBANG, errUnexpectedEngine, errUnexpectedFlag, errUnknownShebangOption } from './errors.js';

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
const CHECK_INT = `local function __fr_int(i, n, v) local x = tonumber(v) if x == nil then error("bad argument #" .. i .. " to '" .. n .. "' (number expected, got " .. type(v) .. ")", 2) end return x >= 0 and math.floor(x) or math.ceil(x) end`;
const REDIS_SHIM = [
  `setresp = function(...) if select('#', ...) ~= 1 then error("ERR redis.setresp() requires one argument.", 0) end local v = tonumber((...)) if v ~= 2 and v ~= 3 then error("ERR RESP version must be 2 or 3.", 0) end __fr_p(__fr_h, "setresp", v) end`,
  `set_repl = function(...) if select('#', ...) ~= 1 then error("ERR redis.set_repl() requires two arguments.", 0) end local v = tonumber((...)) or 0 if v ~= 0 and v ~= 1 and v ~= 2 and v ~= 3 then error("ERR Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.", 0) end end`,
  `error_reply = function(...) if select('#', ...) ~= 1 or type((...)) ~= "string" then return { err = "ERR wrong number or type of arguments" } end local e = (...) if e:sub(1, 1) ~= "-" then e = "-" .. e end local sp = e:find(" ", 1, true) local m if sp then m = e:sub(2, sp - 1) .. " " .. e:sub(sp + 1):gsub("^[\\r\\n]+", ""):gsub("[\\r\\n]+$", "") else m = "ERR " .. e:sub(2):gsub("^[\\r\\n]+", ""):gsub("[\\r\\n]+$", "") end return { err = m } end`,
  `status_reply = function(...) if select('#', ...) ~= 1 or type((...)) ~= "string" then return { err = "ERR wrong number or type of arguments" } end return { ok = (...) } end`,
  `replicate_commands = function() return true end`,
  `breakpoint = function() return false end`,
  `debug = function() end`,
  `acl_check_cmd = function(...) local r = __fr_p(__fr_h, "acl", ...) if type(r) == "table" and r.err then error(r.err, 0) end return true end`,
].join(', ');
const MATH_SHIM = [
  `random = function(...) local n = select('#', ...) local r = __fr_p(__fr_h, "random") r = (r % 2147483647) / 2147483647 ` +
    `if n == 0 then return r end ` +
    `if n == 1 then local u = __fr_int(1, "random", (...)) if u < 1 then error("bad argument #1 to 'random' (interval is empty)", 1) end return math.floor(r * u) + 1 end ` +
    `if n == 2 then local l, u = __fr_int(1, "random", (...)), __fr_int(2, "random", (select(2, ...))) if l > u then error("bad argument #2 to 'random' (interval is empty)", 1) end return math.floor(r * (u - l + 1)) + l end ` +
    `error("wrong number of arguments", 1) end`,
  `randomseed = function(...) __fr_p(__fr_h, "randomseed", __fr_int(1, "randomseed", (...))) end`,
].join(', ');

const BASE_PREFIX = `redis.setresp(3); local __fr_p, __fr_h = redis.pcall, "\\0fakeredis"; `;
const REDIS_PREFIX = `local redis = setmetatable({}, { __index = setmetatable({ ${REDIS_SHIM} }, { __index = redis }), __newindex = ${RO} }); `;
const MATH_PREFIX = `${CHECK_INT}; local math = setmetatable({}, { __index = setmetatable({ ${MATH_SHIM} }, { __index = math }), __newindex = ${RO} }); `;
const REDIS_SHIMMED = /setresp|set_repl|replicate_commands|breakpoint|debug|acl_check_cmd|error_reply|status_reply/;

/**
 * The prefix for `code`. The engine compiles the whole chunk on every run, so the shims are
 * put in only when the code names what they replace (a field of `redis`, or `random`).
 */
export function scriptPrefix(code: string): string {
  return BASE_PREFIX + (REDIS_SHIMMED.test(code) ? REDIS_PREFIX : '') + (code.includes('random') ? MATH_PREFIX : '');
}

/**
 * The chunk the engine runs for a script's code: the prefix, then the code in a vararg
 * function whose first result alone is returned (Redis keeps one result of the chunk;
 * lua-redis-wasm would keep the last). Lines do not move.
 */
export function wrapScript(code: string): string {
  return `${scriptPrefix(code)}return ((function(...) ${code}\nend)(...))`;
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
