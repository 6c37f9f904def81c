import { ErrorReply, type FakeServer, identityOf, type ServerProfile, versionAtLeast } from '@fakeredis/core';

// Error texts of Redis 7.0's scripting (eval.c, script.c, script_lua.c, function_lua.c).

/**
 * shared.slowevalerr / slowscripterr: "Redis is busy", or the server's own title (Valkey,
 * unless extended-redis-compatibility names it Redis).
 */
export const errBusyEval = (server: FakeServer): ErrorReply =>
  new ErrorReply(`BUSY ${identityOf(server).title} is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.`);
export const errBusyFunction = (server: FakeServer): ErrorReply =>
  new ErrorReply(`BUSY ${identityOf(server).title} is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.`);
export const ERR_NOTBUSY = new ErrorReply('NOTBUSY No scripts in execution right now.');
export const ERR_UNKILLABLE = new ErrorReply(
  'UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.',
);
export const ERR_NUMKEYS_NEGATIVE = new ErrorReply("ERR Number of keys can't be negative");
export const ERR_NUMKEYS_TOO_MANY = new ErrorReply("ERR Number of keys can't be greater than number of args");
export const ERR_SCRIPT_FLUSH_OPTION = new ErrorReply('ERR SCRIPT FLUSH only support SYNC|ASYNC option');
export const ERR_SCRIPT_DEBUG_OPTION = new ErrorReply('ERR Use SCRIPT DEBUG YES/SYNC/NO');
export const ERR_INVALID_SHEBANG = new ErrorReply('ERR Invalid script shebang');
export const ERR_NO_CLUSTER_FLAG = new ErrorReply("ERR Can not run script on cluster, 'no-cluster' flag is set.");
export const ERR_WRITE_FLAG_RO = new ErrorReply('ERR Can not execute a script with write flag using *_ro command.');
export const errScriptMisconf = (server: FakeServer): ErrorReply =>
  new ErrorReply(
    `MISCONF ${identityOf(server).title} is configured to save RDB snapshots, but it's currently unable to persist to disk. Writable scripts are blocked. Use 'no-writes' flag for read only scripts.`,
  );
/** shared.roslaveerr, as a script's write raises it on a read-only replica. */
export const READONLY_REPLICA = "READONLY You can't write against a read only replica.";
export const ERR_SCRIPT_MASTERDOWN = new ErrorReply("MASTERDOWN Link with MASTER is down, replica-serve-stale-data is set to 'no' and 'allow-stale' flag is not set on the script.");
export const ERR_SCRIPT_READONLY = new ErrorReply('READONLY Can not run script with write flag on readonly replica');
export const ERR_SCRIPT_OOM = new ErrorReply("OOM allow-oom flag is not set on the script, can not run it when used memory > 'maxmemory'");

export const errUnexpectedEngine = (engine: string): ErrorReply => new ErrorReply(`ERR Unexpected engine in script shebang: ${engine}`);
export const errUnknownShebangOption = (option: string): ErrorReply => new ErrorReply(`ERR Unknown lua shebang option: ${option}`);
export const errUnexpectedFlag = (flag: string): ErrorReply => new ErrorReply(`ERR Unexpected flag in script shebang: ${flag}`);
export const errCompiling = (message: string): ErrorReply => new ErrorReply(`ERR Error compiling script (new function): ${message}`);

/**
 * The texts that Valkey words without "Redis" (its script.c, script_lua.c, function_lua.c and
 * shared.noscripterr): chosen once per profile.
 */
export interface ScriptTexts {
  readonly noscript: ErrorReply;
  // Errors a script sees from redis.call / redis.pcall (scriptCall), and from the redis.* helpers.
  readonly callNoArgs: string;
  readonly callUnknownCommand: string;
  readonly callWrongArity: string;
  readonly argType: string;
  readonly aclCheckInvalid: string;
  /** scriptCall's refusal of a `noscript` command. */
  readonly callNotAllowed: string;
  /** What a killed script ends with: by SCRIPT KILL, or (`fn`) a function by FUNCTION KILL. */
  readonly killed: (fn: boolean) => string;
  /** The errors' decoration names the script (`script: <sha>, on @...`); Valkey 9 leaves the name out. */
  readonly named: boolean;
  /** A container's unknown subcommand called from a script gets the command's own error (Valkey 9), not "Unknown command". */
  readonly subcommandErrors: boolean;
}

const REDIS_TEXTS: ScriptTexts = {
  noscript: new ErrorReply('NOSCRIPT No matching script. Please use EVAL.'),
  callNoArgs: 'ERR Please specify at least one argument for this redis lib call',
  callUnknownCommand: 'ERR Unknown Redis command called from script',
  callWrongArity: 'ERR Wrong number of args calling Redis command from script',
  argType: 'ERR Lua redis lib command arguments must be strings or integers',
  aclCheckInvalid: 'ERR Invalid command passed to redis.acl_check_cmd()',
  callNotAllowed: 'ERR This Redis command is not allowed from script',
  killed: () => 'ERR Script killed by user with SCRIPT KILL...',
  named: true,
  subcommandErrors: false,
};

const VALKEY_TEXTS: ScriptTexts = {
  noscript: new ErrorReply('NOSCRIPT No matching script.'),
  callNoArgs: 'ERR Please specify at least one argument for this call',
  callUnknownCommand: 'ERR Unknown command called from script',
  callWrongArity: 'ERR Wrong number of args calling command from script',
  argType: 'ERR Command arguments must be strings or integers',
  aclCheckInvalid: 'ERR Invalid command passed to server.acl_check_cmd()',
  callNotAllowed: REDIS_TEXTS.callNotAllowed,
  killed: REDIS_TEXTS.killed,
  named: true,
  subcommandErrors: false,
};

/** Valkey 8.1 names the command that killed the script, with one full stop. */
const VALKEY_8_1_TEXTS: ScriptTexts = { ...VALKEY_TEXTS, killed: (fn) => `ERR Script killed by user with ${fn ? 'FUNCTION' : 'SCRIPT'} KILL.` };

/**
 * Valkey 9 (scripting moved into its Lua module): "This Valkey command", no script name in the
 * decoration, and an unknown subcommand's own error.
 */
const VALKEY_9_TEXTS: ScriptTexts = { ...VALKEY_8_1_TEXTS, callNotAllowed: 'ERR This Valkey command is not allowed from script', named: false, subcommandErrors: true };

export const scriptTexts = (profile: ServerProfile): ScriptTexts => {
  if (profile.serverType !== 'valkey') return REDIS_TEXTS;
  if (versionAtLeast(profile, '9.0.0')) return VALKEY_9_TEXTS;
  return versionAtLeast(profile, '8.1.0') ? VALKEY_8_1_TEXTS : VALKEY_TEXTS;
};

export const CALL_WRITE_IN_READONLY = 'ERR Write commands are not allowed from read-only scripts.';
/** scriptVerifyAllowStale: a command without the stale flag, on a replica serving no stale data. */
export const CALL_ON_STALE_REPLICA = 'ERR Can not execute the command on a stale replica';
export const globalRead = (line: number, name: string, source = 'user_script'): string =>
  `ERR ${source}:${line}: Script attempted to access nonexistent global variable '${name}'`;

// Functions (functions.c, function_lua.c).
export const ERR_MISSING_LIBRARY_METADATA = new ErrorReply('ERR Missing library metadata');
export const ERR_INVALID_LIBRARY_METADATA = new ErrorReply('ERR Invalid library metadata');
export const ERR_LIBRARY_NAME_TWICE = new ErrorReply('ERR Invalid metadata value, name argument was given multiple times');
export const ERR_LIBRARY_NAME_MISSING = new ErrorReply('ERR Library name was not given');
export const ERR_FUNCTION_NAME = new ErrorReply(
  'ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long',
);
export const ERR_NO_FUNCTIONS = new ErrorReply('ERR No functions registered');
export const ERR_FUNCTION_CODE_MISSING = new ErrorReply('ERR Function code is missing');
export const ERR_LIBRARY_NOT_FOUND = new ErrorReply('ERR Library not found');
export const ERR_FUNCTION_NOT_FOUND = new ErrorReply('ERR Function not found');
export const ERR_BAD_NUMKEYS = new ErrorReply('ERR Bad number of keys provided');
export const ERR_FUNCTION_FLUSH_OPTION = new ErrorReply('ERR FUNCTION FLUSH only supports SYNC|ASYNC option');
export const ERR_LIBRARY_NAME_ARGUMENT = new ErrorReply('ERR library name argument was not given');
export const ERR_RESTORE_POLICY = new ErrorReply('ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.');
export const ERR_DUMP_PAYLOAD = new ErrorReply('ERR DUMP payload version or checksum are wrong');
export const ERR_LOAD_TIMEOUT = new ErrorReply('ERR Error registering functions: ERR FUNCTION LOAD timeout');

export const errInvalidMetadataValue = (part: string): ErrorReply => new ErrorReply(`ERR Invalid metadata value given: ${part}`);
export const errEngineNotFound = (engine: string): ErrorReply => new ErrorReply(`ERR Engine '${engine}' not found`);
export const errLibraryExists = (name: string): ErrorReply => new ErrorReply(`ERR Library '${name}' already exists`);
/** A collision found by FUNCTION RESTORE (libraryJoin), which does not quote the name. */
export const errRestoreLibraryExists = (name: string): ErrorReply => new ErrorReply(`ERR Library ${name} already exists`);
export const errFunctionExists = (name: string): ErrorReply => new ErrorReply(`ERR Function ${name} already exists`);
export const errFunctionCompiling = (message: string): ErrorReply => new ErrorReply(`ERR Error compiling function: ${message}`);
export const errRegisteringFunctions = (message: string): ErrorReply => new ErrorReply(`ERR Error registering functions: ${message}`);
export const errUnknownOption = (option: string): ErrorReply => new ErrorReply(`ERR Unknown option given: ${option}`);
export const errUnknownArgument = (arg: string): ErrorReply => new ErrorReply(`ERR Unknown argument ${arg}`);
