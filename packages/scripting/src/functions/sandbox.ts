import { scriptPrefix } from '../env.js';
import { globalReferences, LuaScopeError } from './lua-scope.js';

/**
 * How a library runs on an engine that cannot keep Lua state between calls.
 *
 * Redis compiles a library once, runs it with a `redis` table that has
 * `register_function`, and keeps the registered closures in its Lua state. lua-redis-wasm
 * runs each script in a fresh environment, so here every FUNCTION LOAD and every FCALL
 * runs one chunk (WRAPPER below, after the environment's prefix) that:
 *
 * 1. compiles the library's code with `loadstring(code, "@user_function")`, so errors
 *    read `user_function:<line>:` as in Redis;
 * 2. runs it with `redis.register_function` recording what the library registers
 *    (validated exactly as function_lua.c does, in Lua, so that named arguments are
 *    visited in the order Redis's lua_next visits them);
 * 3. on FUNCTION LOAD, returns what was registered; on FCALL, calls the named function
 *    with fresh keys and args tables and returns its first result.
 *
 * The load-time sandbox: while a library loads, Redis's globals are only `redis`, with
 * register_function, log, the LOG_* levels and REDIS_VERSION(_NUM); anything else is
 * "Script attempted to access nonexistent global variable". Once loaded, its functions
 * see the whole API, but neither KEYS nor ARGV. The engine's globals are locked, so the
 * library's global references are rewritten (lua-scope.ts finds them) to go through a
 * table whose __index follows those rules: `x` becomes `__fr_env.x`, on the same line.
 * Code the scope analysis cannot read runs without the rewrite, with only `redis`
 * shadowed (the load phase then sees every global).
 */

/** The local the rewritten code reads its globals through. */
const ENV = '__fr_env';

/** The code a library runs as: its globals rewritten, or undefined when that failed. */
export function sandboxCode(code: string): string | undefined {
  let offsets: number[];
  try {
    offsets = globalReferences(code);
  } catch (e) {
    if (e instanceof LuaScopeError) return undefined;
    throw e;
  }
  let out = `local ${ENV} = ...; `;
  let last = 0;
  for (const at of offsets) {
    out += `${code.slice(last, at)}${ENV}.`;
    last = at;
  }
  return out + code.slice(last);
}

/** The fallback: only `redis` is shadowed, by a table that follows the load / run phases. */
export function shadowedCode(code: string): string {
  return `local redis = ...; ${code}`;
}

const RO = `function() error("Attempt to modify a readonly table", 2) end`;

/**
 * The wrapper, one line (it follows the environment's prefix). ARGV[1] is the library's
 * runnable code, ARGV[2] the mode:
 * - "load": ARGV[3] is the original code (compiled first, for Redis's compile errors),
 *   ARGV[4] "shadow" when ARGV[1] is the fallback; it returns {"compile", message},
 *   {"rewrite"} (the rewritten code did not compile) or {"ok", registrations, bytes}.
 * - "call": ARGV[3] is the function's name, ARGV[4] "shadow" or "env", ARGV[5..] its args.
 */
const WRAPPER = [
  `local __fr_A, __fr_K = ARGV, KEYS`,
  `local __fr_gc0 = collectgarbage("count")`,
  `local __fr_loading = true`,
  `local __fr_ro = ${RO}`,
  `local __fr_nx = function(k) error("Script attempted to access nonexistent global variable '" .. tostring(k) .. "'", 3) end`,
  `local __fr_reg, __fr_list = {}, {}`,
  `local __fr_bits = {["no-writes"] = 1, ["allow-oom"] = 2, ["allow-stale"] = 4, ["no-cluster"] = 8, ["allow-cross-slot-keys"] = 16}`,
  `local function __fr_err(m) error(m, 0) end`,
  `local function __fr_isstr(v) local t = type(v) return t == "string" or t == "number" end`,
  `local function __fr_register(...)`,
  // Called from a function (through a captured `redis`): the error names the caller's line, after a marker run.ts reads.
  ` if not __fr_loading then local _, w = pcall(error, "", 3) __fr_err("redis.register_function can only be called on FUNCTION LOAD command\\1fr-line:" .. (string.match(w, ":(%d+): $") or "1")) end`,
  ` local n = select("#", ...)`,
  ` if n < 1 or n > 2 then __fr_err("wrong number of arguments to redis.register_function") end`,
  ` local name, cb, desc, flags = nil, nil, nil, 0`,
  ` if n == 1 then`,
  `  local t = ...`,
  `  if type(t) ~= "table" then __fr_err("calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).") end`,
  `  for k, v in pairs(t) do`,
  `   if not __fr_isstr(k) then __fr_err("named argument key given to redis.register_function is not a string") end`,
  `   local key = string.lower(tostring(k))`,
  `   if key == "function_name" then`,
  `    if not __fr_isstr(v) then __fr_err("function_name argument given to redis.register_function must be a string") end name = tostring(v)`,
  `   elseif key == "description" then`,
  `    if not __fr_isstr(v) then __fr_err("description argument given to redis.register_function must be a string") end desc = tostring(v)`,
  `   elseif key == "callback" then`,
  `    if type(v) ~= "function" then __fr_err("callback argument given to redis.register_function must be a function") end cb = v`,
  `   elseif key == "flags" then`,
  `    if type(v) ~= "table" then __fr_err("flags argument to redis.register_function must be a table representing function flags") end`,
  `    local j, bits = 1, 0`,
  `    while true do`,
  `     local f = v[j] if f == nil then break end`,
  `     local b = __fr_isstr(f) and __fr_bits[string.lower(tostring(f))]`,
  `     if not b then __fr_err("unknown flag given") end`,
  `     if bits % (2 * b) < b then bits = bits + b end`,
  `     j = j + 1`,
  `    end`,
  `    flags = bits`,
  `   else __fr_err("unknown argument given to redis.register_function") end`,
  `  end`,
  `  if name == nil then __fr_err("redis.register_function must get a function name argument") end`,
  `  if cb == nil then __fr_err("redis.register_function must get a callback argument") end`,
  ` else`,
  `  local a, b = ...`,
  `  if not __fr_isstr(a) then __fr_err("first argument to redis.register_function must be a string") end`,
  `  if type(b) ~= "function" then __fr_err("second argument to redis.register_function must be a function") end`,
  `  name, cb = tostring(a), b`,
  ` end`,
  ` if not string.find(name, "^[a-zA-Z0-9_]+$") then __fr_err("Library names can only contain letters, numbers, or underscores(_) and must be at least one character long") end`,
  ` if __fr_reg[name] then __fr_err("Function already exists in the library") end`,
  ` __fr_reg[name] = cb`,
  ` __fr_list[#__fr_list + 1] = {name, desc or "", desc and 1 or 0, flags}`,
  `end`,
  // The `redis` a library sees while it loads (function_lua.c's LIBRARY_API).
  `local __fr_lapi = {register_function = __fr_register, log = redis.log, LOG_DEBUG = redis.LOG_DEBUG, LOG_VERBOSE = redis.LOG_VERBOSE, LOG_NOTICE = redis.LOG_NOTICE, LOG_WARNING = redis.LOG_WARNING, REDIS_VERSION = redis.REDIS_VERSION, REDIS_VERSION_NUM = redis.REDIS_VERSION_NUM}`,
  `local __fr_lredis = setmetatable({}, {__index = function(_, k) local v = __fr_lapi[k] if v == nil then __fr_nx(k) end return v end, __newindex = __fr_ro})`,
  // The rewritten code's globals.
  `local __fr_env = setmetatable({}, {__index = function(_, k)`,
  ` if __fr_loading then if k == "redis" then return __fr_lredis end __fr_nx(k) end`,
  ` if k == "redis" then return redis elseif k == "math" then return math elseif k == "KEYS" or k == "ARGV" then __fr_nx(k) end`,
  ` local v = rawget(_G, k) if v == nil then __fr_nx(k) end return v`,
  `end, __newindex = __fr_ro})`,
  // The fallback's `redis`: the load API while loading, the real one after.
  `local __fr_predis = setmetatable({}, {__index = function(_, k)`,
  ` if __fr_loading then local v = __fr_lapi[k] if v == nil then __fr_nx(k) end return v end return redis[k]`,
  `end, __newindex = __fr_ro})`,
  `local __fr_mode = __fr_A[2]`,
  `if __fr_mode == "load" then`,
  ` local g, e = loadstring(__fr_A[3], "@user_function")`,
  ` if not g then return {"compile", e} end`,
  ` local f = loadstring(__fr_A[1], "@user_function")`,
  ` if not f then return {"rewrite"} end`,
  ` f(__fr_A[4] == "shadow" and __fr_predis or __fr_env)`,
  ` return {"ok", __fr_list, math.floor((collectgarbage("count") - __fr_gc0) * 1024)}`,
  `end`,
  `local f = loadstring(__fr_A[1], "@user_function")`,
  `f(__fr_A[4] == "shadow" and __fr_predis or __fr_env)`,
  `__fr_loading = false`,
  `local cb = __fr_reg[__fr_A[3]]`,
  `local keys, args = {}, {}`,
  `for i = 1, #__fr_K do keys[i] = __fr_K[i] end`,
  `for i = 5, #__fr_A do args[i - 4] = __fr_A[i] end`,
  `return (cb(keys, args))`,
].join(' ');

/** The chunk a library's loads and calls run: the environment's prefix and the wrapper. */
export function libraryChunk(code: string): string {
  return scriptPrefix(code) + WRAPPER;
}
