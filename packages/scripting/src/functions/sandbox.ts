import { LIBRARY_STORE } from '../engine/store.js';
import { DEFAULT_LUA_PROFILE, type LuaProfile, scriptPrefix } from '../env.js';
import { type GlobalReference, globalReferences, LuaScopeError } from './lua-scope.js';

/**
 * How a library runs on lua-redis-wasm.
 *
 * Redis compiles a library once, runs it with a `redis` table that has
 * `register_function`, and keeps the registered closures in its Lua state. Here the
 * chunks below (after the environment's prefix) each:
 *
 * 1. compile the library's code with `loadstring(code, "@user_function")`, so errors
 *    read `user_function:<line>:` as in Redis;
 * 2. run it with a `redis.register_function` of their own;
 * 3. FUNCTION LOAD's (on any worker, within the load timeout) validates what it
 *    registers exactly as function_lua.c does, in Lua, so that named arguments are
 *    visited in the order Redis's lua_next visits them, and returns it; the install
 *    chunk keeps every callback in an engine's store, where FCALLs call them
 *    (functions/engine.ts); the stateless call chunk (an engine without a store, and
 *    what finds a killed function's line) calls the named function with fresh keys and
 *    args tables and returns its first result.
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

/** The locals the rewritten code reads and assigns its globals through. */
const READ = '__fr_env';
const WRITE = '__fr_set';

/** The code a library runs as: its globals rewritten, or undefined when that failed. */
export function sandboxCode(code: string): string | undefined {
  let refs: GlobalReference[];
  try {
    refs = globalReferences(code);
  } catch (e) {
    if (e instanceof LuaScopeError) return undefined;
    throw e;
  }
  let out = `local ${READ}, ${WRITE} = ...; `;
  let last = 0;
  for (const { at, write } of refs) {
    out += `${code.slice(last, at)}${write ? WRITE : READ}.`;
    last = at;
  }
  return out + code.slice(last);
}

/**
 * Runnable code (as sandboxCode or shadowedCode make it) of a library that registers
 * `name` with `body` as its code, starting on line 1 (the kill replay's calibration,
 * engine/inline.ts).
 */
export function calibrationCode(mode: 'env' | 'shadow', name: string, body: string): string {
  const register = `redis.register_function("${name}", function(keys, args) ${body}\nend)`;
  return mode === 'env' ? `local ${READ}, ${WRITE} = ...; ${READ}.${register}` : shadowedCode(register);
}

/** The fallback: only `redis` is shadowed, by a table that follows the load / run phases. */
export function shadowedCode(code: string): string {
  return `local redis = ...; ${code}`;
}

const RO = `function() error("Attempt to modify a readonly table", 2) end`;

/**
 * The wrapper, in pieces joined on one line (after the environment's prefix). The
 * library's code is compiled with `loadstring(code, "@user_function")`, so the wrapper's
 * locals are out of its sight. ARGV[1] is the library's runnable code, ARGV[2] the mode:
 * - "load" (LOAD_TAIL): ARGV[3] is the original code, compiled first for Redis's compile
 *   errors; returns {"compile", message}, {"rewrite"} (the rewritten code does not
 *   compile) or {"ok", registrations, bytes allocated}.
 * - "call" (CALL_TAIL): ARGV[3] is the function's name, ARGV[4..] its arguments.
 */
const HEAD = [
  `local A, K, loading = ARGV, KEYS, true`,
  `local nx = function(k) error("Script attempted to access nonexistent global variable '" .. tostring(k) .. "'", 3) end`,
  `local ro = ${RO}`,
  // A captured `redis` of the load phase, called by a function: the error names the
  // caller's line, after a marker run.ts reads (the engine reports the wrapper's line).
  `local function notloading() local _, w = pcall(error, "", 4) error("redis.register_function can only be called on FUNCTION LOAD command\\1fr-line:" .. (string.match(w, ":(%d+): $") or "1"), 0) end`,
].join(' ');

/** redis.register_function as function_lua.c validates it, in Lua so named arguments are visited in lua_next's order. */
const REGISTER_FULL = [
  `local reg, list = {}, {}`,
  `local bits = {["no-writes"] = 1, ["allow-oom"] = 2, ["allow-stale"] = 4, ["no-cluster"] = 8, ["allow-cross-slot-keys"] = 16}`,
  `local function err(m) error(m, 0) end`,
  `local function isstr(v) local t = type(v) return t == "string" or t == "number" end`,
  `local function register(...)`,
  ` if not loading then notloading() end`,
  ` local n = select("#", ...)`,
  ` if n < 1 or n > 2 then err("wrong number of arguments to redis.register_function") end`,
  ` local name, cb, desc, flags = nil, nil, nil, 0`,
  ` if n == 1 then`,
  `  local t = ...`,
  `  if type(t) ~= "table" then err("calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).") end`,
  `  for k, v in pairs(t) do`,
  `   if not isstr(k) then err("named argument key given to redis.register_function is not a string") end`,
  `   local key = string.lower(tostring(k))`,
  `   if key == "function_name" then`,
  `    if not isstr(v) then err("function_name argument given to redis.register_function must be a string") end name = tostring(v)`,
  `   elseif key == "description" then`,
  `    if not isstr(v) then err("description argument given to redis.register_function must be a string") end desc = tostring(v)`,
  `   elseif key == "callback" then`,
  `    if type(v) ~= "function" then err("callback argument given to redis.register_function must be a function") end cb = v`,
  `   elseif key == "flags" then`,
  `    if type(v) ~= "table" then err("flags argument to redis.register_function must be a table representing function flags") end`,
  `    local j, set = 1, 0`,
  `    while true do`,
  `     local f = v[j] if f == nil then break end`,
  `     local b = isstr(f) and bits[string.lower(tostring(f))]`,
  `     if not b then err("unknown flag given") end`,
  `     if set % (2 * b) < b then set = set + b end`,
  `     j = j + 1`,
  `    end`,
  `    flags = set`,
  `   else err("unknown argument given to redis.register_function") end`,
  `  end`,
  `  if name == nil then err("redis.register_function must get a function name argument") end`,
  `  if cb == nil then err("redis.register_function must get a callback argument") end`,
  ` else`,
  `  local a, b = ...`,
  `  if not isstr(a) then err("first argument to redis.register_function must be a string") end`,
  `  if type(b) ~= "function" then err("second argument to redis.register_function must be a function") end`,
  `  name, cb = tostring(a), b`,
  ` end`,
  ` if not string.find(name, "^[a-zA-Z0-9_]+$") then err("Library names can only contain letters, numbers, or underscores(_) and must be at least one character long") end`,
  ` if reg[name] then err("Function already exists in the library") end`,
  ` reg[name] = cb`,
  ` list[#list + 1] = {name, desc or "", desc and 1 or 0, flags}`,
  `end`,
].join(' ');

/**
 * register_function for a library known to be valid (FUNCTION LOAD validated it): it
 * reads the name `n` and callback `c` of each registration, and `keep` (Lua) keeps what
 * the chunk needs of them.
 */
const registerKeeping = (locals: string, keep: string): string =>
  [
    locals,
    `local function register(a, b)`,
    ` if not loading then notloading() end`,
    ` local n, c`,
    ` if b == nil and type(a) == "table" then`,
    `  for k, v in pairs(a) do local l = string.lower(tostring(k)) if l == "function_name" then n = tostring(v) elseif l == "callback" then c = v end end`,
    ` else n, c = tostring(a), b end`,
    ` ${keep}`,
    `end`,
  ].join(' ');

/** A call of the stateless chunk keeps only the called function's callback. */
const REGISTER_CALL = registerKeeping('local target, cb = A[3], nil', 'if n == target then cb = c end');

/** A library installed on a functions engine keeps every callback (the first of a name, as FCALL finds it). */
const REGISTER_INSTALL = registerKeeping('local fns = {}', 'if n ~= nil and fns[n] == nil then fns[n] = c end');

/** The `redis` a library sees while it loads (function_lua.c's LIBRARY_API). */
const LOAD_API = [
  `local lapi = {register_function = register, log = redis.log, LOG_DEBUG = redis.LOG_DEBUG, LOG_VERBOSE = redis.LOG_VERBOSE, LOG_NOTICE = redis.LOG_NOTICE, LOG_WARNING = redis.LOG_WARNING, REDIS_VERSION = redis.REDIS_VERSION, REDIS_VERSION_NUM = redis.REDIS_VERSION_NUM__FR_VALKEY__}`,
  `local lredis = setmetatable({}, {__index = function(_, k) local v = lapi[k] if v == nil then nx(k) end return v end, __newindex = ro})`,
].join(' ');

/**
 * What the library's code is given: the tables the rewritten code reads its globals from
 * (a cache once the library has loaded, since Redis's globals are read-only) and assigns
 * them through (always an error) ...
 */
const ENV_PROXY = (prefix: string, lua: LuaProfile): string => {
  const redis = lua.serverAlias ? `(k == "redis" or k == "server")` : `k == "redis"`;
  // The environment's error and pcall, and the call sites' helpers (env.ts), when the prefix has them.
  const wrapped = [['error', '__fr_error'], ['pcall', '__fr_pcall'], ['xpcall', '__fr_xpcall'], ['__fr_n', '__fr_n'], ['__fr_v', '__fr_v'], ['os', '__fr_os']]
    .filter(([, local]) => prefix.includes(`${local} =`))
    .map(([name, local]) => ` elseif k == "${name}" then v = ${local}`)
    .join('');
  return [
    `local env = setmetatable({}, {__index = function(t, k)`,
    ` if loading then if ${redis} then return lredis end nx(k) end`,
    ` local v`,
    ` if ${redis} then v = redis elseif k == "math" then v = math elseif k == "KEYS" or k == "ARGV" then nx(k)${wrapped}`,
    ` else v = rawget(_G, k) if v == nil then nx(k) end end`,
    ` rawset(t, k, v) return v`,
    `end, __newindex = ro})`,
    `local set = setmetatable({}, {__newindex = ro})`,
  ].join(' ');
};

/** ... or the fallback's `redis`: the load API while loading, the real one after. */
const SHADOW = `local env = setmetatable({}, {__index = function(_, k) if loading then local v = lapi[k] if v == nil then nx(k) end return v end return redis[k] end, __newindex = ro}) local set = nil`;

const LOAD_TAIL = [
  `local g, e = loadstring(A[3], "@user_function")`,
  `if not g then return {"compile", e} end`,
  // What compiling and running the library allocates: INFO used_memory_vm_functions' estimate.
  `collectgarbage("stop") local gc0 = collectgarbage("count")`,
  `local f = loadstring(A[1], "@user_function")`,
  `if not f then collectgarbage("restart") return {"rewrite"} end`,
  `local ok, e2 = pcall(f, env, set) local used = collectgarbage("count") - gc0 collectgarbage("restart")`,
  `if not ok then error(e2, 0) end`,
  `return {"ok", list, math.floor(used * 1024)}`,
].join(' ');

const CALL_TAIL = [
  `loadstring(A[1], "@user_function")(env, set)`,
  `loading = false`,
  `local keys, args = {}, {}`,
  `for i = 1, #K do keys[i] = K[i] end`,
  `for i = 4, #A do args[i - 3] = A[i] end`,
  `return (cb(keys, args))`,
].join(' ');

/**
 * Installs a library on a functions engine (functions/engine.ts): runs its code once and
 * keeps its callbacks, with the function result fix, in the engine's store under ARGV[1]
 * (the library's id); ARGV[2] is the runnable code.
 */
const INSTALL_TAIL = (result: string): string =>
  [`loadstring(A[2], "@user_function")(env, set)`, `loading = false`, `${LIBRARY_STORE}[A[1]] = {fns, ${result}}`, `return 1`].join(' ');

/** The chunks a library's FUNCTION LOAD and its FCALLs run (the environment's prefix and the wrapper). */
export function libraryChunks(code: string, mode: 'env' | 'shadow', lua: LuaProfile = DEFAULT_LUA_PROFILE): { load: string; call: string; install: string } {
  const prefix = scriptPrefix(code, lua);
  // Valkey's library API also has its version fields (luaRegisterVersion); the chunk is compiled on every call, so only there.
  const valkey = lua.fields.includes('VALKEY_VERSION') ? ', VALKEY_VERSION = redis.VALKEY_VERSION, VALKEY_VERSION_NUM = redis.VALKEY_VERSION_NUM, SERVER_NAME = redis.SERVER_NAME' : '';
  const loadApi = LOAD_API.replace('__FR_VALKEY__', valkey);
  const env = mode === 'env' ? ENV_PROXY(prefix, lua) : SHADOW;
  // Its errors name the library as the server does ("server.register_function" in Valkey).
  const named = (part: string): string => (lua.lib === 'redis' ? part : part.replaceAll('redis.register_function', `${lua.lib}.register_function`));
  const head = named(HEAD);
  // The library's body ran (and logged) at FUNCTION LOAD: run again to install it or for a
  // stateless call, it logs nothing while it loads; a `redis.log` it kept logs when a function calls it.
  const quietApi = loadApi.replace('log = redis.log', 'log = function(...) if not loading then return redis.log(...) end end');
  return {
    load: `${prefix}${head} ${named(REGISTER_FULL)} ${loadApi} ${env} ${LOAD_TAIL}`,
    install: `${prefix}${head} ${REGISTER_INSTALL} ${quietApi} ${env} ${INSTALL_TAIL(prefix.includes('__fr_r =') ? '__fr_r' : 'false')}`,
    // The function's result through the environment's result fix (env.ts), when the prefix has it.
    call: `${prefix}${head} ${REGISTER_CALL} ${quietApi} ${env} ${prefix.includes('__fr_r =') ? CALL_TAIL.replace('return (cb(', 'return __fr_r(cb(') : CALL_TAIL}`,
  };
}
