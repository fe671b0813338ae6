/**
 * dist/server.js, what the extension starts: loads the language server (dist/server/main.js) with
 * V8's code cache (src/platform/compileCache.ts), so an editor's next start skips compiling it. The
 * cache is written once the server is warm (its workspace indexed and validated, having compiled
 * what answering needs), not at exit: an editor may end the process without letting it finish.
 */
import * as path from 'node:path';
import { loadBundle } from '../platform/compileCache';

import type * as ServerModule from './main';

const loaded = loadBundle<typeof ServerModule>(
  path.join(__dirname, 'server', 'main.js'),
  'language-server',
  process.env,
);
loaded.exports.run(() => loaded.saveCache());
