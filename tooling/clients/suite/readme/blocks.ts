// The READMEs' examples as code: packages/all's readme.test.ts runs them on the workspace's
// sources, the client matrix's readme suite on the packed packages.

/** A markdown text's ```ts blocks (```ts skip ones are recipes the client suites run instead). */
export function codeBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
}

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
        return `const { ${names.join(', ')} } = await __import('${named[2]}');`;
      }
      // `expression; // => value`, optionally followed by two spaces and a parenthesised note.
      const asserted = /^(\s*)(.+?);\s*\/\/ => (.+?)(?:\s{2,}\(.*\))?$/.exec(line);
      if (asserted) return `${asserted[1]}expect(${asserted[2]}).toEqual(${asserted[3]});`;
      return line;
    })
    .join('\n');
}

/**
 * A README whose examples build on each other (@fakeredis/composer's) as one block, without
 * its test-runner recipes (blocks calling beforeEach, afterEach or afterAll).
 */
export function sequentialExample(markdown: string): string {
  return codeBlocks(markdown)
    .filter((block) => !/\b(beforeEach|afterEach|afterAll)\(/.test(block))
    .join('\n');
}

/** How many `// =>` results a text's blocks hold. */
export function resultCount(blocks: string[]): number {
  return blocks.join('\n').match(/\/\/ => /g)?.length ?? 0;
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;

/** Runs one block with the caller's `expect`, its imports through `importer`. */
export async function runBlock(block: string, expect: unknown, importer: (specifier: string) => Promise<unknown>): Promise<void> {
  await new AsyncFunction('expect', '__import', toFunctionBody(block))(expect, importer);
}
