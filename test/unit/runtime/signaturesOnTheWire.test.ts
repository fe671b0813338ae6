/**
 * Signatures over the wire: `callflow serve` answers only requests its carrier signed for the URL
 * it published, and runs nothing for the others (403, no step, no http request made). The
 * emulator signs with the official `twilio` package's function (Twilio, SignalWire) or Ed25519
 * (Telnyx).
 */
import * as assert from 'assert';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CARRIER_NAMES, type Tampering } from '../../support/carrier';
import { PUBLIC_URL, publishedWorkspace, serveFor, type ServedCarrier, type Workspace } from './carrierHarness';

const NUMBER = '+14155550100';

const flow = (crm: string): string => `callflow: 1
trigger: incoming-call
start: lookup
steps:
  lookup:
    type: http
    method: GET
    url: "${crm}/lookup"
    success: menu
    failure: menu
  menu:
    type: menu
    say: "Press 1."
    options: { "1": bye }
    no-input: bye
    invalid: bye
  bye:
    type: hangup
`;

describe('serve: signatures over the wire', function () {
  this.timeout(60_000);
  let repo: Workspace;
  let crm: Server;
  let lookups = 0;
  const served: ServedCarrier[] = [];

  before(async () => {
    crm = createServer((req, res) => {
      req.resume();
      lookups++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => crm.listen(0, '127.0.0.1', resolve));
    repo = await publishedWorkspace(
      { main: flow(`http://127.0.0.1:${(crm.address() as AddressInfo).port}`) },
      { [NUMBER]: 'main' },
    );
  });
  after(async () => {
    await Promise.all(served.map((s) => s.stop()));
    crm?.closeAllConnections();
    await new Promise((resolve) => crm?.close(resolve));
    await repo?.cleanup();
  });

  for (const carrier of CARRIER_NAMES) {
    it(`${carrier}: valid is answered; tampered URL${carrier === 'telnyx' ? ' (unsigned by Telnyx: caught by the state signature)' : ''}, tampered parameter, wrong key and missing get 403 and run nothing`, async () => {
      const s = await serveFor(repo, carrier);
      served.push(s);
      const params = (callSid: string) => ({
        CallSid: callSid,
        AccountSid: 'AC00000000000000000000000000000001',
        From: '+14155550123',
        To: NUMBER,
        CallStatus: 'ringing',
        Direction: 'inbound',
        ApiVersion: '2010-04-01',
      });
      const ranFor = (callSid: string) => s.logged.lines.filter((l) => l['call'] === callSid).length;

      const refused: Tampering[] =
        carrier === 'telnyx' ? ['parameter', 'key', 'missing'] : ['url', 'parameter', 'key', 'missing'];
      for (const tampering of refused) {
        const callSid = `CA${randomBytes(16).toString('hex')}`;
        const before = lookups;
        const { answer } = await s.emulator.request('POST', `${PUBLIC_URL}/voice`, params(callSid), tampering);
        assert.strictEqual(answer.status, 403, `${tampering}: ${answer.body}`);
        assert.strictEqual(lookups, before, `${tampering}: no http request was made`);
        assert.strictEqual(ranFor(callSid), 0, `${tampering}: no step ran`);
      }
      const rejected = s.logged.of('rejected');
      assert.ok(rejected.length >= refused.length, 'each refusal has a log line');
      assert.ok(!JSON.stringify(s.logged.lines).includes(s.keys.twilioAuthToken), 'no secret in the log');

      // The call state in an action URL is signed by the server: a changed one is refused too,
      // even when the carrier's signature over it is valid (Telnyx signs no URL).
      const call = await s.emulator.placeCall({ to: NUMBER });
      assert.strictEqual(call.waiting?.kind, 'gather');
      const action = new URL(call.waiting.action!);
      const state = action.searchParams.get('s')!;
      action.searchParams.set('s', state.slice(0, -2) + (state.endsWith('AA') ? 'BB' : 'AA'));
      const before = lookups;
      const forged = await s.emulator.request('POST', action.toString(), {
        ...params(call.parties.callSid),
        Digits: '1',
      });
      assert.strictEqual(forged.answer.status, 403, forged.answer.body);
      assert.strictEqual(lookups, before);

      // The untouched request is answered and runs.
      const callSid = `CA${randomBytes(16).toString('hex')}`;
      const valid = await s.emulator.request('POST', `${PUBLIC_URL}/voice`, params(callSid));
      assert.strictEqual(valid.answer.status, 200);
      assert.ok(ranFor(callSid) > 0);
    });
  }
});
