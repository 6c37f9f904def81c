import { accessSync, constants, statSync } from 'node:fs';
import type { Bytes } from '../../bytes.js';
import type { CommandHandler, RedisModuleDeclaration } from '../../dispatch/mixin.js';
import { ErrorReply, MapReply, OK, type Reply } from '../../reply.js';
import type { FakeServer } from '../../server.js';
import { installMixins } from '../../dispatch/install.js';
import { helpReply } from '../help.js';
import { versionAtLeast } from '../../profile.js';

/**
 * MODULE LIST, LOAD, LOADEX, UNLOAD and HELP. A mixin that stands for a Redis module
 * declares it (`redisModule` on the mixin) and MODULE LIST shows it as Redis shows a
 * loaded module. LOAD and LOADEX of a path the server's moduleLoader emulates install its
 * mixins on the running server; native modules cannot be loaded into a fake: for any
 * other path LOAD and LOADEX check the path and the arguments as Redis does, log why the
 * load failed as Redis logs it, and answer Redis's error. (Whether MODULE may run at all
 * is protectedCommandError's call.)
 */

const ERR_LOADING = new ErrorReply('ERR Error loading the extension. Please check the server logs.');

/**
 * The modules the server's mixins declare, each once: several mixins may stand for one
 * module (RedisBloom's filters and sketches all are "bf"); the first declaration gives its
 * name, version, path and args, and any says it has types or sets an option.
 */
export function declaredModules(server: FakeServer): RedisModuleDeclaration[] {
  const byName = new Map<string, RedisModuleDeclaration>();
  for (const mixin of server.mixins) {
    const module = mixin.redisModule;
    if (module === undefined) continue;
    if (module.builtInSince !== undefined && (server.profile.serverType !== (module.builtInServer ?? 'redis') || !versionAtLeast(server.profile, module.builtInSince))) continue;
    const key = module.name.toLowerCase(); // Redis's modules dict ignores case
    const seen = byName.get(key);
    byName.set(key, seen === undefined ? module : {
      ...seen,
      hasTypes: seen.hasTypes === true || module.hasTypes === true,
      options: [...new Set([...(seen.options ?? []), ...(module.options ?? [])])],
    });
  }
  return [...byName.values()];
}

/** moduleGetHandleByName: a declared module by name, in any case. */
export function findModule(server: FakeServer, name: string): RedisModuleDeclaration | undefined {
  return declaredModules(server).find((module) => module.name.toLowerCase() === name.toLowerCase());
}

/** addReplyLoadedModules: the declared modules (MODULE LIST, HELLO's `modules`). */
export function loadedModules(server: FakeServer): Reply[] {
  return declaredModules(server).map((module) => new MapReply([
    ['name' as Bytes, module.name as Bytes],
    ['ver' as Bytes, module.version],
    ['path' as Bytes, (module.path ?? '') as Bytes],
    ['args' as Bytes, (module.args ?? []).map((arg) => arg as Bytes)],
  ]));
}

/** genModulesInfoStringRenderModuleOptions's order. */
const MODULE_OPTIONS = ['handle-io-errors', 'handle-repl-async-load', 'no-implicit-signal-modified', 'handle-atomic-slot-migration'] as const;

/** INFO modules: one `module:` line per declared module (genModulesInfoString). */
export function modulesInfoFields(server: FakeServer): Array<[string, string]> {
  return declaredModules(server).map((module) => {
    const options = MODULE_OPTIONS.filter((option) => module.options?.includes(option)).join('|');
    return ['module', `name=${module.name},ver=${module.version},api=1,filters=0,usedby=[],using=[],options=[${options}]`];
  });
}

export const MODULE_LIST: CommandHandler = (client) => loadedModules(client.server);

/** moduleLoad's failure, logged as Redis logs it; the fake loads no native code. */
function loadFailure(server: FakeServer, path: string): ErrorReply {
  let reason: string;
  try {
    const stat = statSync(path);
    if ((stat.mode & 0o111) === 0) {
      server.log('warning', `Module ${path} failed to load: It does not have execute permissions.`);
      return ERR_LOADING;
    }
    accessSync(path, constants.R_OK);
    reason = `${path}: fakeredis cannot load native modules`;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    reason = code === 'ENOENT' || code === 'ENOTDIR' ? `${path}: cannot open shared object file: No such file or directory` : `${path}: cannot open shared object file: Permission denied`;
  }
  server.log('warning', `Module ${path} failed to load: ${reason}`);
  return ERR_LOADING;
}

/**
 * moduleLoad for a path the server's moduleLoader emulates: the mixins are installed as
 * the module registers itself (installMixins), showing `path` and `args` in MODULE LIST.
 * As in Redis: a file there without execute permission is refused first, a module whose
 * name is loaded already fails its RedisModule_Init, and LOADEX's CONFIG pairs the module
 * does not define fail the load after it registered, the unload then refused for a module
 * with value types, so it stays (redis-server 7.0.15; 7.4.1 aborts there).
 */
function loadModule(server: FakeServer, path: string, args: readonly string[], configs: ReadonlyArray<readonly [string, string]>): Reply {
  const mixins = server.moduleLoader?.(path);
  if (mixins === undefined) return loadFailure(server, path);
  try {
    if ((statSync(path).mode & 0o111) === 0) {
      server.log('warning', `Module ${path} failed to load: It does not have execute permissions.`);
      return ERR_LOADING;
    }
  } catch {
    // The file itself is not read: an emulated module loads from any path.
  }
  const loaded = mixins.map((mixin) => (mixin.redisModule === undefined ? mixin : { ...mixin, redisModule: { ...mixin.redisModule, path, args } }));
  const names = [...new Set(loaded.flatMap((mixin) => (mixin.redisModule === undefined ? [] : [mixin.redisModule.name])))];
  if (names.some((name) => findModule(server, name) !== undefined)) {
    server.log('warning', `Module ${path} initialization failed. Module not loaded`);
    return ERR_LOADING;
  }
  installMixins(server, loaded);
  for (const name of names) server.log('notice', `Module '${name}' loaded from ${path}`);
  // MODULE LIST shows them as Redis does, but the emulation does not read them.
  if (args.length > 0) server.log('warning', `Warning: fakeredis accepts but does not act on: the arguments of module ${path}`);
  // RedisModule_LoadConfigs: the pairs naming one of the module's parameters are applied.
  const unapplied = configs.filter(([name, value]) => {
    const parameter = server.config.find(name);
    if (parameter === undefined || !names.some((module) => name.toLowerCase().startsWith(`${module.toLowerCase()}.`))) return true;
    try {
      server.config.initialize(name, value);
      return false;
    } catch {
      return true;
    }
  });
  if (unapplied.length > 0) {
    server.log('warning', 'Loadex configurations were not applied, likely due to invalid arguments. Unloading the module.');
    return ERR_LOADING;
  }
  return OK;
}

export const MODULE_LOAD: CommandHandler = (client, argv) => loadModule(client.server, argv[2] as Bytes, (argv as string[]).slice(3), []);

/** MODULE LOADEX path [CONFIG name value ...] [ARGS ...]: parseLoadexArguments, then the load. */
export const MODULE_LOADEX: CommandHandler = (client, argv) => {
  const server = client.server;
  const configs: Array<[string, string]> = [];
  let args: string[] = [];
  for (let i = 3; i < argv.length; i++) {
    const arg = (argv[i] as Bytes).toLowerCase();
    if (arg === 'config') {
      if (i + 2 >= argv.length) {
        server.log('notice', 'CONFIG specified without name value pair');
        return ERR_LOADING;
      }
      configs.push([argv[i + 1] as Bytes, argv[i + 2] as Bytes]);
      i += 2;
    } else if (arg === 'args') {
      args = (argv as string[]).slice(i + 1);
      break;
    } else {
      server.log('notice', `Syntax Error from arguments to loadex around ${argv[i]}.`);
      return ERR_LOADING;
    }
  }
  return loadModule(server, argv[2] as Bytes, args, configs);
};

/**
 * MODULE UNLOAD name: an unknown name is Redis's ENOENT; a declared module is part of the
 * fake's composition and cannot go: EBUSY's reason when it has value types, else the
 * default one.
 */
export const MODULE_UNLOAD: CommandHandler = (client, argv) => {
  const server = client.server;
  const module = findModule(server, argv[2] as Bytes);
  const reason = module === undefined ? 'no such module with that name'
    : module.hasTypes ? "the module exports one or more module-side data types, can't unload"
    : 'operation not possible.';
  // Redis 7.2 logs the refusal too.
  if (server.versionAtLeast('7.2.0')) server.log('warning', `Error unloading module ${argv[2]}: ${reason}`);
  return new ErrorReply(`ERR Error unloading module: ${reason}`);
};

export const MODULE_HELP: CommandHandler = (client) =>
  helpReply(client.server, 'MODULE', [
    'LIST',
    '    Return a list of loaded modules.',
    'LOAD <path> [<arg> ...]',
    '    Load a module library from <path>, passing to it any optional arguments.',
    'LOADEX <path> [[CONFIG NAME VALUE] [CONFIG NAME VALUE]] [ARGS ...]',
    '    Load a module library from <path>, while passing it module configurations and optional arguments.',
    'UNLOAD <name>',
    '    Unload a module.',
  ]);
