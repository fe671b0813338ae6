// Hook: fills a folder with the sample flow workspace that `npm start` opens.
// For now only the marker file and a git repository; the sample flows will be generated here.
'use strict';

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const CALLFLOW_YAML = `# Call Flow Studio workspace settings (all optional).
flowsDir: flows
tagPrefix: callflow
timezone: America/New_York
`;

/**
 * Prepares `dir` (existing, empty) as a flow workspace: callflow.yaml and a git repository.
 * Async so that a later version can build the sample flows through the core.
 * @param {string} dir
 * @returns {Promise<string>} dir
 */
async function prepareSampleWorkspace(dir) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'callflow.yaml'), CALLFLOW_YAML);
  execFileSync('git', ['init', '-q'], { cwd: dir, stdio: 'ignore' });
  return dir;
}

module.exports = { prepareSampleWorkspace };
