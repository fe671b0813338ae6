// Preloaded (`node --require`) into a process the CLI bench runs: at exit, appends the process's own CPU
// time (user + system, microseconds, its children excluded) to the file CALLFLOW_BENCH_SELF_CPU names.
'use strict';
const fs = require('fs');
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  fs.appendFileSync(process.env.CALLFLOW_BENCH_SELF_CPU, `${user + system}\n`);
});
