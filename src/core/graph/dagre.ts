/**
 * dagre, typed. Its types are declared as an ES module, which this CommonJS build may not
 * `import`; its package also ships a CommonJS build, which `require` loads (and esbuild bundles
 * for the webview). The types come from the ES declaration.
 */
import type * as Dagre from '@dagrejs/dagre' with { 'resolution-mode': 'import' };

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const dagre: typeof Dagre = require('@dagrejs/dagre');
