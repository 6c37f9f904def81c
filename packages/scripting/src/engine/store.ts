import { randomBytes } from 'node:crypto';

/**
 * The function libraries' store (functions/engine.ts): a table in an engine that outlives
 * a run, where libraries stay installed between FCALLs.
 *
 * lua-redis-wasm keeps one Lua state from run to run, but every table a script can reach
 * is read-only (the patched Lua's flag, as in Redis). So at its start an engine clears the
 * flag of the globals' metatable for the one run that links the store there, then sets it
 * again. The flag is the int at offset 8 of Redis's Lua Table struct (after the
 * CommonHeader and `flags`), found at the address tostring() prints; it is checked on a
 * read-only table and a fresh one first, and the result after, so an engine built another
 * way keeps no store (functions then run their library's code at each call).
 *
 * The store hangs behind a gate that answers only the process's secret: a script that
 * finds the gate (pairs over the metatable) cannot reach the libraries of other servers.
 */

const SECRET = randomBytes(16).toString('hex');

/** What an engine needs to link the store: the secret, the Lua that links it, the Lua that checks it. */
export const STORE_SPEC = {
  secret: SECRET,
  link: [
    `local s, libs = ARGV[1], {}`,
    // FCALL's dispatch (functions/engine.ts): the last three ARGV are the library's id, the
    // function's name and how many library ids before them to drop from the store; the
    // function's arguments come first. KEYS and ARGV (fresh tables of the run) are its keys and args.
    `local function call(K, A)`,
    ` local n = #A local e = libs[A[n]] local cb = e and e[1][A[n - 1]] local d = tonumber(A[n - 2])`,
    ` A[n], A[n - 1], A[n - 2] = nil, nil, nil`,
    ` for i = n - 3, n - 2 - d, -1 do libs[A[i]] = nil A[i] = nil end`,
    ` if cb == nil then return {err = "ERR internal error in fakeredis: the library is not installed on its engine"} end`,
    ` local r = e[2] if r then return r(cb(K, A)) end return (cb(K, A))`,
    `end`,
    `rawset(getmetatable(_G), "__fr_libraries", function(k, K, A) if k == s then if K then return call(K, A) end return libs end return nil end)`,
  ].join(' '),
  check: 'local ok = pcall(rawset, getmetatable(_G), "__fr_check", 1) local g = rawget(getmetatable(_G), "__fr_libraries") ' +
    `return (not ok and type(g) == "function" and g("x") == nil and type(g("${SECRET}")) == "table") and 1 or 0`,
};

/** Lua that evaluates to the store (a table of installed libraries by id), on an engine that linked it. */
export const LIBRARY_STORE = `getmetatable(_G).__fr_libraries("${SECRET}")`;

/**
 * An FCALL on an engine that has the function's library installed: the dispatch linked
 * with the store does the rest (see `link`), so the chunk compiled for each call is short.
 */
export const FUNCTION_CALL_CHUNK = `redis.setresp(3) return getmetatable(_G).__fr_libraries("${SECRET}", KEYS, ARGV)`;

/**
 * linkLibraryStore(engine, spec): links the store in a lua-redis-wasm engine; whether it
 * did. JavaScript source, run by the worker (worker-source.ts) and the inline engine alike.
 */
export const LINK_STORE_SOURCE = String.raw`function linkLibraryStore(engine, spec) {
  const ex = engine.exports;
  if (!ex || !ex.HEAPU8) return false;
  const run = (code, args) => engine.evalWithArgs(Buffer.from(code, 'latin1'), [], args.map((a) => Buffer.from(a, 'latin1')));
  const view = () => new DataView(ex.HEAPU8.buffer);
  try {
    const refs = run('return {tostring(getmetatable(_G)), tostring(string), tostring({})}', []);
    if (!Array.isArray(refs) || refs.length !== 3) return false;
    const at = refs.map((r) => { const m = /^table: 0x([0-9a-f]+)$/.exec(String(r)); return m ? parseInt(m[1], 16) + 8 : -1; });
    if (at.some((a) => a < 0 || a + 4 > ex.HEAPU8.length)) return false;
    if (view().getInt32(at[0], true) !== 1 || view().getInt32(at[1], true) !== 1 || view().getInt32(at[2], true) !== 0) return false;
    view().setInt32(at[0], 0, true);
    try { run(spec.link, [spec.secret]); } finally { view().setInt32(at[0], 1, true); }
    return Number(run(spec.check, [])) === 1;
  } catch {
    return false;
  }
}`;

/** linkLibraryStore for an engine of this thread. */
export const linkLibraryStore = new Function(`return ${LINK_STORE_SOURCE}`)() as (engine: unknown, spec: typeof STORE_SPEC) => boolean;
