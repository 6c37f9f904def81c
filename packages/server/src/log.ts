import { appendFileSync, openSync, closeSync, writeSync } from 'node:fs';

/** Redis's log levels, least severe first (server.verbosity). */
export type LogLevel = 'debug' | 'verbose' | 'notice' | 'warning';

const LEVELS: readonly LogLevel[] = ['debug', 'verbose', 'notice', 'warning'];
/** The character serverLogRaw prints for each level. */
const LEVEL_CHARS = '.-*#';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "07 Dec 2026 14:06:56.658": strftime("%d %b %Y %H:%M:%S.") plus milliseconds, local time. */
export function logTimestamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(date.getDate())} ${MONTHS[date.getMonth()]} ${date.getFullYear()} ` +
    `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`
  );
}

export interface LoggerSettings {
  /** "" logs to stdout, as redis-server does; otherwise the file is appended to. */
  logfile: () => string;
  /** The lowest level written (loglevel, which CONFIG SET may change). */
  loglevel: () => string;
  /** Daemonized with logfile "": stdout is /dev/null, so nothing is logged. */
  daemonized: boolean;
}

/**
 * redis-server's log (serverLogRaw): `<pid>:<role> <dd Mon yyyy HH:MM:SS.mmm> <level> <message>`,
 * to stdout or appended to `logfile` (opened for each line, so a rotated file is
 * reopened), lines below `loglevel` dropped.
 */
export class Logger {
  /** 'C' until the server is initialized (Redis logs its first lines before server.pid is set), then 'M'. */
  role: 'C' | 'M' = 'C';

  constructor(private readonly settings: LoggerSettings) {}

  enabled(level: LogLevel): boolean {
    const setting = this.settings.loglevel();
    // Redis 7.2's "nothing" is above every level.
    const threshold = setting === 'nothing' ? LEVELS.length : LEVELS.indexOf(setting as LogLevel);
    return LEVELS.indexOf(level) >= (threshold < 0 ? 2 : threshold);
  }

  log(level: LogLevel, message: string): void {
    if (!this.enabled(level)) return;
    const c = LEVEL_CHARS[LEVELS.indexOf(level)] as string;
    this.write(`${process.pid}:${this.role} ${logTimestamp(new Date())} ${c} ${message}\n`);
  }

  /** serverLogFromHandler's format, used for the signal lines: `<pid>:signal-handler (<unix time>) <message>`. */
  logFromHandler(message: string): void {
    if (!this.enabled('warning') || (this.settings.logfile() === '' && this.settings.daemonized)) return;
    this.write(`${process.pid}:signal-handler (${Math.floor(Date.now() / 1000)}) ${message}\n`);
  }

  private write(line: string): void {
    const file = this.settings.logfile();
    try {
      if (file === '') {
        if (!this.settings.daemonized) writeSync(1, line);
      } else {
        appendFileSync(file, line);
      }
    } catch {
      // Redis drops a line it cannot write (fopen failing, a closed stdout).
    }
  }
}

/** Checks that a log file can be opened for appending, as loadServerConfig does ("Can't open the log file: ..."). */
export function checkLogFile(file: string): string | undefined {
  try {
    closeSync(openSync(file, 'a'));
    return undefined;
  } catch (error) {
    return strerror(error);
  }
}

const STRERROR: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EROFS: 'Read-only file system',
  EADDRINUSE: 'Address already in use',
  EADDRNOTAVAIL: 'Cannot assign requested address',
  EAFNOSUPPORT: 'Address family not supported by protocol',
  EINVAL: 'Invalid argument',
  ENAMETOOLONG: 'File name too long',
};

/** The C library's strerror text for a Node error (libuv's own texts are lower-case). */
export function strerror(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return STRERROR[code] ?? (error as Error).message;
}
