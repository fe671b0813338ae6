// Bundles the extension and the CLI into dist/ so that neither needs node_modules at run time.
const path = require('path');
const esbuild = require('esbuild');
const { writeSchemaValidators } = require('./scripts/schema-validators');
const { directCoreImports } = require('./scripts/core-imports');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const builds = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // The CLI: dist/cli.js (tiny, what bin/callflow.js requires) loads dist/cli/main.js, one CommonJS bundle,
  // with V8's code cache of the verb it runs (src/platform/compileCache.ts). Verbs still load their modules on
  // first use (program.ts imports them dynamically; esbuild initialises such a module only when imported).
  { ...common, entryPoints: ['src/cli/launcher.ts'], outfile: 'dist/cli.js' },
  {
    ...common,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir: 'dist/cli',
    plugins: [directCoreImports([path.join(__dirname, 'src/cli')])],
  },
  // The flow language server, started by the extension (node IPC); `callflow lsp --stdio` runs the same code.
  // dist/server.js loads dist/server/main.js with the server's code cache, as dist/cli.js does the CLI.
  { ...common, entryPoints: ['src/server/launcher.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: { main: 'src/server/main.ts' }, outdir: 'dist/server' },
  // The flow graph page (a webview): browser code, with the graph layout from src/core/graph bundled in.
  {
    ...common,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    entryPoints: ['src/webview/graph/main.ts'],
    outfile: 'dist/webview/graph.js',
  },
  // Its stylesheet, shipped next to the script so the page loads everything from dist/webview.
  { ...common, platform: 'browser', entryPoints: ['src/webview/graph/graph.css'], outfile: 'dist/webview/graph.css' },
  // The Test Call page (a webview): browser code that only shows the call the host runs.
  {
    ...common,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    entryPoints: ['src/webview/testCall/main.ts'],
    outfile: 'dist/webview/testCall.js',
  },
  {
    ...common,
    platform: 'browser',
    entryPoints: ['src/webview/testCall/testCall.css'],
    outfile: 'dist/webview/testCall.css',
  },
];

async function main() {
  const fs = require('fs');
  // The core imports the validators generated from schemas/: they must exist before anything is bundled or type-checked.
  writeSchemaValidators();
  const present = builds.filter((b) => Object.values(b.entryPoints).every((e) => fs.existsSync(e)));
  if (watch) {
    for (const b of present) await (await esbuild.context(b)).watch();
    return;
  }
  const results = await Promise.all(present.map((b) => esbuild.build({ ...b, metafile: true })));
  present.forEach((b, i) => b.outdir && removeStaleOutputs(b.outdir, results[i].metafile));
}

/**
 * Remove what this build did not write (the chunks of an earlier, split build of the CLI, named by
 * their content's hash, and folders left empty), so dist/ (and the .vsix) holds one CLI.
 */
function removeStaleOutputs(outdir, metafile) {
  const fs = require('fs');
  const written = new Set(Object.keys(metafile.outputs).map((file) => path.resolve(__dirname, file)));
  const visit = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        visit(file);
        if (fs.readdirSync(file).length === 0) fs.rmdirSync(file);
      } else if (!written.has(file)) fs.rmSync(file, { force: true });
    }
  };
  visit(path.resolve(__dirname, outdir));
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

module.exports = { builds };
