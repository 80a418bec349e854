import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * The demo page's scripts and styles, read from `page/` and (for .ts) transpiled once at server
 * start with TypeScript's own `transpileModule`: no bundler, and the modules import each other by
 * their `.js` names as browsers want.
 */
export interface PageAsset {
  contentType: string;
  body: string;
}

const pageDirectory = join(dirname(fileURLToPath(import.meta.url)), 'page');

export function loadPageAssets(): Map<string, PageAsset> {
  const assets = new Map<string, PageAsset>();
  for (const name of readdirSync(pageDirectory)) {
    const source = readFileSync(join(pageDirectory, name), 'utf8');
    if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) {
      const output = ts.transpileModule(source, {
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: false },
        fileName: name,
      });
      assets.set(name.replace(/\.ts$/, '.js'), { contentType: 'text/javascript; charset=utf-8', body: output.outputText });
    } else if (name.endsWith('.css')) {
      assets.set(name, { contentType: 'text/css; charset=utf-8', body: source });
    }
  }
  return assets;
}
