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
    // Two fresh C closures that linkLibraryStore turns into Lua's setfenv and getfenv (see
    // FENV below); the gate gives them out once they are (armed).
    `local fa, fb, armed = coroutine.wrap(function() end), coroutine.wrap(function() end), false`,
    `rawset(getmetatable(_G), "__fr_fenv", function(k, w) if k ~= s then return nil end if w == "arm" then armed = true elseif w == "raw" then return fa, fb end if armed then return fa, fb end return nil end)`,
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
    if (Number(run(spec.check, [])) !== 1) return false;
    try { armFenv(ex, run, view, spec.secret); } catch {}
    return true;
  } catch {
    return false;
  }
}
function armFenv(ex, run, view, secret) {
  const heap = ex.HEAPU8;
  const low = Math.min(heap.length, 4 << 20);
  const bytes = Buffer.from(heap.buffer, heap.byteOffset, low);
  const cstr = (p) => { if (p <= 0 || p >= low) return ''; const e = bytes.indexOf(0, p); return e < 0 || e - p > 16 ? '' : bytes.toString('latin1', p, e); };
  // lbaselib.c's base_funcs: {name, lua_CFunction} pairs of 4-byte words, ending {NULL, NULL}.
  let table;
  for (let hit = bytes.indexOf('setfenv\0', 0, 'latin1'); hit >= 0 && table === undefined; hit = bytes.indexOf('setfenv\0', hit + 1, 'latin1')) {
    for (let p = 0; p + 8 <= low; p += 4) {
      if (view().getUint32(p, true) !== hit) continue;
      let q = p;
      while (q >= 8 && cstr(view().getUint32(q - 8, true)) !== '') q -= 8;
      const found = new Map();
      for (; cstr(view().getUint32(q, true)) !== ''; q += 8) found.set(cstr(view().getUint32(q, true)), view().getUint32(q + 4, true));
      if (found.has('getfenv') && found.has('type') && found.has('getmetatable')) { table = found; break; }
    }
  }
  if (table === undefined) return;
  const addr = (r) => { const m = /^function: 0x([0-9a-f]+)$/.exec(String(r)); return m ? parseInt(m[1], 16) : -1; };
  const refs = run('local a, b = getmetatable(_G).__fr_fenv(ARGV[1], "raw") return {tostring(a), tostring(b), tostring(type), tostring(getmetatable)}', [secret]);
  if (!Array.isArray(refs) || refs.length !== 4) return;
  const [a, b, t, g] = refs.map(addr);
  // A C closure: CommonHeader (next, tt = 6, marked), isC = 1, nupvalues, gclist, env, then f at 16.
  const isC = (c) => c > 0 && c + 20 <= heap.length && heap[c + 4] === 6 && heap[c + 6] === 1;
  if (![a, b, t, g].every(isC) || view().getUint32(t + 16, true) !== table.get('type') || view().getUint32(g + 16, true) !== table.get('getmetatable')) return;
  view().setUint32(a + 16, table.get('setfenv'), true);
  view().setUint32(b + 16, table.get('getfenv'), true);
  const check = run('local sf, gf = getmetatable(_G).__fr_fenv(ARGV[1], "raw") local f = function() return 1 end return (gf(0) == _G and sf(f, {}) == f and gf(f) ~= _G) and 1 or 0', [secret]);
  if (Number(check) === 1) run('getmetatable(_G).__fr_fenv(ARGV[1], "arm")', [secret]);
}`;

/** linkLibraryStore for an engine of this thread. */
export const linkLibraryStore = new Function('Buffer', `return ${LINK_STORE_SOURCE}`)(Buffer) as (engine: unknown, spec: typeof STORE_SPEC) => boolean;
