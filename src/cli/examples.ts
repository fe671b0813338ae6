/**
 * Examples for the verbs whose own registration gives none: shown at the end of `--help`. A test
 * checks that every verb's help ends with examples.
 */
export const VERB_EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  init: [
    'callflow init                                   # this folder (git init when needed)',
    'callflow init --cwd acme-flows --timezone America/New_York',
  ],
  create: [
    'callflow create "Support Line" --description "Main support number"',
    'callflow create "日本語サポート" --id jp-support      # a name with no latin letters needs an id',
  ],
  import: [
    'callflow import support-line.json                       # Twilio Studio or Amazon Connect: the dialect is detected',
    'callflow import main-ivr.yaml --set flowName="Main IVR"  # Archy YAML with {{flowName}}',
    'callflow import flow.json --from amazon-connect --name "Support Line" --id support-line --json',
  ],
  save: ['callflow save support-line', 'callflow save support-line --json'],
  validate: [
    'callflow validate                               # the whole workspace',
    'callflow validate support-line flows/billing/v3.yaml',
    'callflow validate --strict --json               # CI: warnings fail too',
  ],
  edit: ['callflow edit support-line                       # a new draft, a copy of the published version'],
  restore: ['callflow restore support-line 2                  # archived (or discarded) v2 as the new draft'],
  duplicate: ['callflow duplicate support-line 3 "Holiday Line" --description "December hours"'],
  unassign: ['callflow unassign +14155550100'],
  list: ['callflow list', "callflow list --json | jq '.[].id'"],
  show: ['callflow show support-line', 'callflow show support-line --json'],
  history: ['callflow history support-line', 'callflow history support-line --json'],
  verify: ['callflow verify', 'callflow verify --strict --json                 # CI: warnings fail too'],
  simulate: [
    'callflow simulate +14155550100 --at 2026-11-24T15:00:00Z --digits 1',
    'callflow simulate support-line@draft --from +14155550123 --agents sales=busy --json',
    'callflow simulate support-line@2 --http fixtures/crm.yaml',
    'callflow simulate +14155550101 --env staging      # what the staging line rings, with its values',
  ],
  call: [
    'callflow call support-line@draft               # press keys as the caller; t lets a prompt time out',
    'callflow call +14155550100 --from anonymous --at 2026-12-25T10:00-05:00',
    'callflow call support-line --save-scenario "caller picks sales"   # then: callflow test support-line',
    'callflow call +14155550101 --env staging       # a test call of what staging serves',
  ],
  test: [
    'callflow test support-line                       # the draft, else the published version',
    'callflow test support-line@3 --json',
    "callflow test support-line --env prod             # the scenarios of prod's deployed commit, prod's values",
  ],
  'git-diff': [
    '# run by git as the diff driver that `callflow git-setup` configures, not by hand:',
    'git diff HEAD~1 -- flows/support-line/v3.yaml',
  ],
  'git-textconv': [
    '# run by git for `git log -p` and `git show` once `callflow git-setup` configured it:',
    'git log -p -- flows/support-line/',
  ],
  serve: [
    'CALLFLOW_STATE_SECRET=$(openssl rand -hex 32) TWILIO_AUTH_TOKEN=… callflow serve --public-url https://voice.example.com',
    'callflow serve --carrier telnyx --ref main --log /var/log/callflow/calls.jsonl --store redis://redis:6379',
    'callflow serve --at 2026-11-24T15:00:00Z --port 9090     # staging: a fixed clock for business hours',
    'callflow serve --env prod --public-url https://voice.example.com   # what prod is deployed to, following its deploys',
  ],
  calls: [
    'callflow calls --log calls.jsonl',
    'callflow calls --log calls.jsonl --json | jq \'.[] | select(.outcome.kind=="voicemail")\'',
  ],
  replay: ['callflow replay CA0123456789abcdef0123456789abcdef --log calls.jsonl'],
  graph: [
    'callflow graph support-line > support-line.mmd',
    'callflow graph support-line@2 --format svg --output docs/support-line.svg',
    'callflow graph flows/billing/v4.yaml',
  ],
};

export function examplesHelp(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((line) => `  ${line}`).join('\n')}`;
}
