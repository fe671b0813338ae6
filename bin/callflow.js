#!/usr/bin/env node
'use strict';
const path = require('path');
const fs = require('fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  console.error(
    'callflow: the CLI is not built yet. Run `npm install` (or `npm run build`) in ' + path.dirname(__dirname) + '.',
  );
  process.exit(2);
}
require(bundle)
  .runInTerminal(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
