import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeRedis } from '../src/index.js';

/**
 * Runs the README's TypeScript examples (```ts blocks; ```ts skip ones are recipes the
 * client matrix in tooling/clients runs instead). A line `expression; // => value` asserts
 * that the expression equals the value.
 */
const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);

/** One block as the body of an async function: imports become dynamic, `// =>` lines assertions. */
export function toFunctionBody(block: string): string {
  return block
    .split('\n')
    .map((raw) => {
      // TypeScript's casts are all the examples use of its syntax.
      const line = raw.replace(/ as [A-Z]\w*/g, '');
      const named = /^import \{([^}]*)\} from '([^']+)';$/.exec(line);
      if (named) {
        const names = (named[1] as string).split(',').map((n) => n.trim().replace(/^type .*/, '')).filter(Boolean);
        return `const { ${names.join(', ')} } = await import('${named[2] === '@fakeredis/all' ? '../src/index.js' : named[2]}');`;
      }
      const asserted = /^(\s*)(.+?);\s*\/\/ => (.+?)(?:\s{2,}\(.*\))?$/.exec(line);
      if (asserted) return `${asserted[1]}expect(${asserted[2]}).toEqual(${asserted[3]});`;
      return line;
    })
    .join('\n');
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;

afterEach(() => FakeRedis.registry.reset());

describe('README examples', () => {
  it('has examples, and every `// =>` result becomes an assertion', () => {
    expect(blocks.length).toBeGreaterThan(5);
    const results = blocks.join('\n').match(/\/\/ => /g)?.length ?? 0;
    expect(results).toBeGreaterThan(20);
    expect(blocks.map(toFunctionBody).join('\n').match(/expect\(/g)?.length).toBe(results);
  });
  it.each(blocks.map((block, i) => [i + 1, block.split('\n')[0], block] as const))('example %i (%s)', async (_i, _first, block) => {
    const body = toFunctionBody(block);
    // Imports resolve relative to this file.
    const run = new AsyncFunction('expect', '__import', body.replace(/await import\(/g, 'await __import('));
    await run(expect, (specifier: string) => import(specifier));
  });
});
