import * as path from 'node:path';
import { CARRIERS, InvalidInputError, parseCallTime, printable, type CarrierName } from '../../core';
import { ExecutionLog, startRuntime } from '../../runtime';
import { takeTermination } from '../interruption';
import type { VerbRegistrar } from '../program';

interface ServeOptions {
  port: string;
  host: string;
  publicUrl?: string;
  carrier: string;
  ref?: string;
  env?: string;
  at?: string;
  log?: string;
  logDigits?: boolean;
  store?: string;
}

export function registerServeVerb(verb: VerbRegistrar): void {
  verb(
    'serve',
    (c) =>
      c
        .description(
          "answer calls: the voice webhook for TwiML carriers (Twilio, SignalWire, Telnyx), running each number's published flow as committed on a branch",
        )
        .option('--port <port>', 'the port to listen on', '8080')
        .option('--host <host>', 'the address to listen on', '127.0.0.1')
        .option(
          '--public-url <url>',
          'the URL carriers reach this server at (signatures are checked against it); default http://<host>:<port>',
        )
        .option('--carrier <carrier>', `the carrier calling it: ${CARRIERS.join(', ')}`, 'twilio')
        .option('--ref <branch>', 'the branch (or tag) whose commits are served (default: the branch checked out)')
        .option(
          '--env <name>',
          "serve an environment: the commit the branch's deployments.yaml names for it, its numbers and values, following its deployments",
        )
        .option('--at <iso-time>', 'a fixed call clock for staging tests, e.g. 2026-11-24T15:00:00Z')
        .option('--log <file>', 'append the execution log (JSON lines) to this file (default: stdout)')
        .option('--log-digits', 'keep the digits callers type into collect steps in the log (masked by default)')
        .option(
          '--store <redis-url>',
          'the Redis that replicas share retried answers through (default: CALLFLOW_STORE_URL, else in memory: one replica)',
        ),
    async (ctx) => {
      const o = ctx.options as unknown as ServeOptions;
      const port = Number(o.port);
      if (!/^\d+$/.test(o.port) || port > 65535)
        throw new InvalidInputError(
          'invalid-port',
          `--port must be a port number (0-65535), not "${printable(o.port)}".`,
        );
      if (!(CARRIERS as readonly string[]).includes(o.carrier))
        throw new InvalidInputError(
          'invalid-carrier',
          `--carrier must be one of ${CARRIERS.join(', ')}, not "${printable(o.carrier)}".`,
        );
      const keepDigits = o.logDigits === true;
      const log = o.log
        ? ExecutionLog.toFile(path.resolve(ctx.cwd, o.log), keepDigits)
        : new ExecutionLog({ write: (line) => ctx.io.stdout(line), close: async () => {} }, { keepDigits });
      const store = o.store ?? (process.env['CALLFLOW_STORE_URL'] || undefined);
      const runtime = await startRuntime({
        cwd: ctx.cwd,
        host: o.host,
        port,
        carrier: o.carrier as CarrierName,
        log,
        env: process.env,
        ...(o.publicUrl ? { publicUrl: o.publicUrl } : {}),
        ...(o.ref ? { ref: o.ref } : {}),
        ...(o.env !== undefined ? { environment: o.env } : {}),
        ...(o.at ? { at: parseCallTime(o.at) } : {}),
        ...(store ? { store } : {}),
      }).catch(async (err: unknown) => {
        await log.close();
        throw err;
      });
      ctx.note(
        `callflow serve: ${o.env !== undefined ? `${o.env} as deployed on ` : ''}${runtime.ref} on ${runtime.url}; carriers call ${runtime.publicUrl}/voice. SIGTERM or Ctrl-C stops it after the calls' requests in flight.`,
      );
      await waitForTermination();
      await runtime.stop();
      await log.close();
    },
  );
}

function waitForTermination(): Promise<void> {
  return new Promise((resolve) => {
    const release = takeTermination(() => {
      release();
      resolve();
    });
  });
}
