import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
/** Native or heavy packages whose failure to load must fail a job, not stop the window from opening. */
const lazy = ['sharp', 'geotiff', 'utif', 'exiftool-vendored'];

/** Modules a file imports when it is loaded: static value imports and re-exports, not `import type` or `import()`. */
function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const specifiers: string[] = [];
  for (const node of source.statements) {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      const named = node.importClause?.namedBindings;
      const onlyTypes =
        !node.importClause?.name &&
        named &&
        ts.isNamedImports(named) &&
        named.elements.length > 0 &&
        named.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) specifiers.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      specifiers.push((node.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

function resolveLocal(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [`${base}.ts`, join(base, 'index.ts')].find((f) => existsSync(f));
}

/** Every package reached from `entry` through static imports, with the chain of files that reaches it. */
function packagesReached(entry: string): Map<string, string[]> {
  const reached = new Map<string, string[]>();
  const seen = new Set<string>();
  const visit = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith('.')) {
        const next = resolveLocal(file, specifier);
        if (next) visit(next, [...chain, relative(root, next)]);
      } else if (!reached.has(specifier)) reached.set(specifier, chain);
    }
  };
  visit(entry, [relative(root, entry)]);
  return reached;
}

describe('Electron main', () => {
  it('loads sharp, geotiff, utif and exiftool only when a job needs them', () => {
    const reached = packagesReached(join(root, 'main/electron/index.ts'));
    const offending = [...reached].filter(([pkg]) => lazy.some((p) => pkg === p || pkg.startsWith(`${p}/`)));
    expect(offending.map(([pkg, chain]) => `${pkg} via ${chain.join(' -> ')}`)).toEqual([]);
    // The walk itself works: it reaches packages main does load at start.
    expect(reached.has('electron')).toBe(true);
    expect(reached.has('zod')).toBe(true);
  });
});
