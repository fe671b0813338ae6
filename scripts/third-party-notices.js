#!/usr/bin/env node
// Writes ThirdPartyNotices.txt: the license of every npm package bundled into dist/ (the
// .vsix ships bundles, not node_modules, so the notices must come from what esbuild bundled).
// Run by `npm run package`; `--check` exits 1 when the committed file is out of date.
'use strict';
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');
const { builds } = require('../esbuild.js');

const ROOT = path.resolve(__dirname, '..');
const OUTPUT = path.join(ROOT, 'ThirdPartyNotices.txt');
const LICENSE_FILES = /^(licen[cs]e|copying|notice)(\.(md|txt|markdown))?$/i;

/** The package folder (node_modules/<name> or node_modules/@scope/<name>) an input path lies in. */
function packageDirOf(input) {
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const length = parts[at + 1]?.startsWith('@') ? 3 : 2;
  return parts.slice(0, at + length).join('/');
}

async function bundledPackages() {
  const dirs = new Set();
  for (const build of builds) {
    if (!Object.values(build.entryPoints).every((e) => fs.existsSync(path.join(ROOT, e)))) continue;
    const result = await esbuild.build({
      ...build,
      absWorkingDir: ROOT,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    for (const input of Object.keys(result.metafile.inputs)) {
      const dir = packageDirOf(input);
      if (dir) dirs.add(dir);
    }
  }
  return [...dirs]
    .map((dir) => {
      const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8'));
      const licenseFile = fs.readdirSync(path.join(ROOT, dir)).find((f) => LICENSE_FILES.test(f));
      return {
        name: manifest.name,
        version: manifest.version,
        license: typeof manifest.license === 'string' ? manifest.license : 'see the license text',
        text: licenseFile ? fs.readFileSync(path.join(ROOT, dir, licenseFile), 'utf8').trim() : undefined,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function render(packages) {
  const out = [
    'Call Flow Studio bundles the following third-party packages into its extension, command line',
    'and language server. Their licenses follow.',
    '',
  ];
  for (const p of packages) {
    out.push('='.repeat(78), `${p.name} ${p.version} (${p.license})`, '='.repeat(78), '');
    out.push(p.text ?? `Licensed under ${p.license}; the package ships no license file.`, '');
  }
  return out.join('\n');
}

async function main() {
  const text = render(await bundledPackages());
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, 'utf8') : '';
    if (current !== text) {
      console.error('ThirdPartyNotices.txt is out of date: run `node scripts/third-party-notices.js`.');
      process.exit(1);
    }
    return;
  }
  fs.writeFileSync(OUTPUT, text);
  console.log(`ThirdPartyNotices.txt: ${text.split('\n').filter((l) => l.startsWith('=')).length / 2} packages`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

module.exports = { bundledPackages, packageDirOf };
