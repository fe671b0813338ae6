import { WorkspaceIndex, type LanguageFile } from '../../../src/core/language';
import { parseFlowId } from '../../../src/core';

/** A flow version with one `|` marking the cursor: the text without it and the cursor's offset. */
export function withCursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) throw new Error('mark the cursor with exactly one |');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

export const ACME = `callflow: 1
trigger: incoming-call
start: welcome
steps:
  welcome:
    type: play
    say: "Thanks for calling {{caller.number}}."
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
    no-input: voicemail
  account:
    type: collect
    say: "Your account number?"
    variable: account
    next: check
  check:
    type: condition
    branches:
      - when: { variable: account, starts-with: "9" }
        next: sales
    else: support
  sales:
    type: assign-dial
    queue: sales
    no-answer: voicemail
  support:
    type: transfer
    to: "+14155550199"
    failed: voicemail
  voicemail:
    type: voicemail
    say: "Please leave a message."
    next: goodbye
  goodbye:
    type: hangup
`;

/** An index of a small workspace: acme (v1 published, v2 draft = ACME), billing (a draft only). */
export function acmeIndex(draft = ACME): WorkspaceIndex {
  const index = new WorkspaceIndex('flows');
  const ledger = (entries: string): string => `name: Acme Main Line\nversions:\n${entries}`;
  index.setFile(
    'flows/acme/flow.yaml',
    ledger(
      '  - version: 1\n    status: published\n    createdFrom: template\n    createdAt: 2026-01-05T09:00:00Z\n' +
        '  - version: 2\n    status: draft\n    createdFrom: v1\n    createdAt: 2026-01-05T09:00:00Z\n',
    ),
  );
  index.setFile('flows/acme/v1.yaml', ACME);
  index.setFile('flows/acme/v2.yaml', draft);
  index.setFile(
    'flows/acme/calls.yaml',
    'calls:\n  - name: sales\n    at: 2026-11-24T15:00:00Z\n    agents: { sales: available, support-tier2: busy }\n    expect: { outcome: connected, path: [welcome, hours, menu, sales] }\n',
  );
  index.setFile(
    'flows/billing/flow.yaml',
    'name: Billing\nversions:\n  - version: 1\n    status: draft\n    createdFrom: template\n    createdAt: 2026-01-05T09:00:00Z\n',
  );
  index.setFile(
    'flows/billing/v1.yaml',
    'callflow: 1\ntrigger: incoming-call\nstart: bye\nsteps:\n  bye:\n    type: hangup\n',
  );
  index.setFile('numbers.yaml', 'numbers:\n  "+14155550100": acme\n');
  return index;
}

export function draftFile(index: WorkspaceIndex, text: string): LanguageFile {
  return {
    role: { kind: 'version', flowId: parseFlowId('acme'), version: 2 },
    relativePath: 'flows/acme/v2.yaml',
    text,
    index,
  };
}
