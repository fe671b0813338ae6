// Builds the sample flow workspace that `npm start` opens, fresh each time, through the real
// core: every file and commit is made by the built CLI (dist/cli.js, `main(argv, io)`), exactly
// as a user's `callflow` runs would make them. Needs `npm run build` first.
//
//   node scripts/sample-workspace.js <empty-folder>     (prints a summary)
'use strict';

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const CLI = path.join(__dirname, '..', 'dist', 'cli.js');

/** The flow of the format's section 4: Acme's main line. */
const ACME_V1 = `callflow: 1
trigger: incoming-call
start: welcome
steps:
  welcome:
    type: play
    say: "Thanks for calling Acme."
    next: hours
  hours:
    type: business-hours
    timezone: America/New_York
    hours:
      mon-fri: ["09:00-17:00"]
      sat: ["10:00-13:00"]
    holidays: ["2026-12-25"]
    open: menu
    closed: voicemail
  menu:
    type: menu
    say: "For sales press 1, for support press 2."
    options: { "1": sales, "2": support }
    timeout: 5
    attempts: 3
    no-input: voicemail
    invalid: voicemail
  sales:
    type: assign-dial
    queue: sales
    timeout: 120
    no-answer: voicemail
  support:
    type: transfer
    to: "+14155550199"
    failed: voicemail
  voicemail:
    type: voicemail
    say: "Please leave a message after the tone."
    next: goodbye
  goodbye:
    type: hangup
`;

// v2: New Year's Day closed too. v3 (draft): a callback option for busy sales.
const ACME_V2 = ACME_V1.replace('holidays: ["2026-12-25"]', 'holidays: ["2026-12-25", "2027-01-01"]');
const ACME_V3 = ACME_V2.replace(
  'say: "For sales press 1, for support press 2."',
  'say: "For sales press 1, for support press 2, to be called back press 3."',
)
  .replace('options: { "1": sales, "2": support }', 'options: { "1": sales, "2": support, "3": callback }')
  .replace(
    '  voicemail:\n',
    '  callback:\n    type: callback\n    say: "We will call you back within the hour."\n    queue: sales\n    next: goodbye\n  voicemail:\n',
  );

// A draft saved with errors, to show how the tree and the Problems panel report them.
const BROKEN = (text) =>
  text.replace('"09:00-17:00"', '"17:00-09:00"').replace('closed: voicemail', 'closed: voice-mail');

function loadCli() {
  if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  return require(CLI);
}

/**
 * Prepares `dir` (created if needed, expected empty) as a sample flow workspace: a git repository
 * with flows at every status and numbers assigned.
 * @param {string} dir
 * @returns {Promise<string>} dir
 */
const ACME_CALLS = `# Run with \`callflow test acme-main-line\` or from the Test Explorer.
calls:
  - name: weekday caller reaches sales
    at: 2026-11-24T15:00:00Z
    from: "+14155550123"
    digits: ["1"]
    agents: { sales: available }
    expect: { outcome: connected, queue: sales }
  - name: support is transferred
    at: 2026-11-24T15:00:00Z
    digits: ["2"]
    expect: { outcome: transferred, to: "+14155550199" }
  - name: busy sales leaves a voicemail
    at: 2026-11-24T15:00:00Z
    digits: ["1"]
    agents: { sales: busy }
    expect: { outcome: voicemail }
  - name: Christmas goes to voicemail
    at: 2026-12-25T15:00:00Z
    expect: { outcome: voicemail, path: [welcome, hours, voicemail, goodbye] }
  - name: a caller who presses nothing gets voicemail
    at: 2026-11-24T15:00:00Z
    expect: { outcome: voicemail }
`;

async function prepareSampleWorkspace(dir) {
  const { main } = loadCli();
  fs.mkdirSync(dir, { recursive: true });
  const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  // The sample's history reads like an admin's, whatever the machine's git identity.
  git('config', 'user.name', 'Alex Admin');
  git('config', 'user.email', 'alex.admin@example.com');

  const output = [];
  const io = { cwd: dir, stdout: (t) => output.push(t), stderr: (t) => output.push(t) };
  // Exit 1 is expected only where the sample saves a draft with errors on purpose.
  const callflow = async (...argv) => {
    const code = await main(argv, io);
    if (code !== 0 && !(code === 1 && argv[0] === 'save' && argv[1] === 'holiday-greeting'))
      throw new Error(`callflow ${argv.join(' ')} exited ${code}:\n${output.join('')}`);
  };
  const write = (relative, text) => fs.writeFileSync(path.join(dir, relative), text);
  const read = (relative) => fs.readFileSync(path.join(dir, relative), 'utf8');

  await callflow('init', '--timezone', 'America/New_York');

  // Acme Main Line: v1 archived, v2 published, v3 draft (the format's example, section 4).
  await callflow(
    'create',
    'Acme Main Line',
    '--description',
    'The number on the website: sales, support, voicemail after hours.',
  );
  write('flows/acme-main-line/v1.yaml', ACME_V1);
  await callflow('save', 'acme-main-line');
  await callflow('publish', 'acme-main-line');
  await callflow('edit', 'acme-main-line');
  write('flows/acme-main-line/v2.yaml', ACME_V2);
  await callflow('save', 'acme-main-line');
  await callflow('publish', 'acme-main-line');
  await callflow('edit', 'acme-main-line');
  write('flows/acme-main-line/v3.yaml', ACME_V3);
  await callflow('save', 'acme-main-line');

  // Support Line: published only.
  // (create validates the v1 draft as its first save, so it can be published at once)
  await callflow('create', 'Support Line', '--description', 'Straight to the support queue during business hours.');
  await callflow('publish', 'support-line');

  // Billing: a draft only, never published.
  await callflow('create', 'Billing', '--description', 'Invoices and payments. Not live yet.');

  // Holiday Greeting: a copy of Acme v1, saved with errors.
  await callflow(
    'duplicate',
    'acme-main-line',
    '1',
    'Holiday Greeting',
    '--description',
    'Seasonal greeting, work in progress.',
  );
  write('flows/holiday-greeting/v1.yaml', BROKEN(read('flows/holiday-greeting/v1.yaml')));
  await callflow('save', 'holiday-greeting');

  // Call scenarios for Acme (not versioned with the flow: they test whichever version is checked).
  write('flows/acme-main-line/calls.yaml', ACME_CALLS);
  git('add', 'flows/acme-main-line/calls.yaml');
  git('commit', '-q', '-m', 'Acme Main Line: call scenarios');

  await callflow('assign', '+14155550100', 'acme-main-line', '--label', 'Main line');
  await callflow('assign', '+14155550101', 'support-line', '--label', 'Support hotline');
  await callflow('assign', '+14155550102', 'acme-main-line', '--label', 'Sales direct');
  return dir;
}

module.exports = { prepareSampleWorkspace };

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/sample-workspace.js <empty-folder>');
    process.exit(2);
  }
  prepareSampleWorkspace(path.resolve(dir)).then(
    async (root) => {
      const { main } = loadCli();
      await main(['list'], {
        cwd: root,
        stdout: (t) => process.stdout.write(t),
        stderr: (t) => process.stderr.write(t),
      });
    },
    (err) => {
      console.error(err.message || err);
      process.exit(1);
    },
  );
}
