import * as assert from 'node:assert';
import { parse } from 'yaml';
import { importFixture } from './importHarness';

const FIXTURES = [
  'twilio-studio/support-line.json',
  'twilio-studio/rest-resource.json',
  'amazon-connect/main-ivr.json',
  'amazon-connect/legacy-modules.json',
  'amazon-connect/describe-contact-flow.json',
  'genesys-archy/main-ivr.yaml',
];

describe('import: the written version file', () => {
  for (const fixture of FIXTURES) {
    it(`reads back as exactly the converted flow (${fixture})`, () => {
      const imported = importFixture(fixture);
      assert.deepStrictEqual(parse(imported.text), JSON.parse(JSON.stringify(imported.definition)));
    });
  }

  it('quotes what YAML would read as another value, and keeps comments on one line', () => {
    const imported = importFixture('twilio-studio/support-line.json');
    assert.match(imported.text, /\n {6}"1": sales_queue\n/);
    assert.match(imported.text, /\n {4}to: "\+14155550199"\n/);
    assert.match(imported.text, /\n {4}finish-on: "#"\n/);
    for (const line of imported.text.split('\n')) if (line.trimStart().startsWith('#')) assert.ok(!line.includes('\r'));
  });
});
