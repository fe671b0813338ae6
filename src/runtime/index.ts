/**
 * `callflow serve`, assembled: the repository's deployments, the state secret, the carrier's
 * secrets, the reply store, the execution log and the HTTP server. The CLI verb parses options
 * into a RuntimeConfig; tests start the same thing in-process.
 */
import {
  CARRIER_PROFILES,
  environmentCommitAt,
  InvalidInputError,
  parseSettings,
  requireEnvironment,
  SETTINGS_FILE,
  type CarrierName,
} from '../core';
import { openServedRepository, type ServedRepository } from '../platform/servedRepository';
import { MemoryCallLedger } from './callLedger';
import { CallTokens } from './callToken';
import { Deployments, POLL_INTERVAL_MS } from './deployments';
import { type ExecutionLog } from './executionLog';
import { MemoryReplyStore, RedisReplyStore, type ReplyStore } from './replyStore';
import { RuntimeServer } from './server';
import { CARRIER_SECRET_VARIABLE, loadCarrierSecrets, type CarrierSecrets } from './signatures';
import { loadStateSecret } from './stateSecret';
import { VoiceService } from './voice';

export interface RuntimeConfig {
  /** The folder of the flow workspace served (its git repository is read, never its files). */
  cwd: string;
  host: string;
  port: number;
  /** Default: http://<host>:<port>. */
  publicUrl?: string;
  carrier: CarrierName;
  /** Default: the branch checked out. */
  ref?: string;
  /** Serve this environment: the commit the ref's deployments.yaml names for it, its numbers and values. */
  environment?: string;
  /** A fixed call clock (staging tests). */
  at?: Date;
  log: ExecutionLog;
  /** redis://… shared by the replicas; default: in memory (one replica). */
  store?: string;
  env: NodeJS.ProcessEnv;
  pollMs?: number;
  httpTimeoutMs?: number;
  /** Slow-client limits (tests shorten them). */
  timeouts?: { headersMs: number; requestMs: number };
}

export interface RunningRuntime {
  url: string;
  port: number;
  publicUrl: string;
  ref: string;
  server: RuntimeServer;
  deployments: Deployments;
  /** Stops taking requests, finishes those in flight, then releases everything. */
  stop(): Promise<void>;
}

export async function startRuntime(config: RuntimeConfig): Promise<RunningRuntime> {
  const secret = loadStateSecret(config.env);
  const secrets = carrierSecrets(config.carrier, config.env);
  const repository = openServedRepository(config.cwd);
  const ref = config.ref ?? (await repository.currentBranch());
  if (!ref)
    throw new InvalidInputError(
      'no-ref',
      'The repository has no branch checked out (a detached HEAD), so there is no branch to serve.',
      'Name the branch the server follows with --ref, e.g. --ref main.',
    );
  if (!(await repository.resolve(ref)))
    throw new InvalidInputError(
      'unknown-ref',
      `"${ref}" names no commit of this repository.`,
      'Give a branch (or tag) with --ref, e.g. --ref main.',
    );
  if (config.environment !== undefined) await requireDeployed(repository, ref, config.environment);
  const hostInUrl = config.host.includes(':') ? `[${config.host}]` : config.host;
  let publicUrl = publicBase(config.publicUrl ?? `http://${hostInUrl}:${config.port}`);
  const log = config.log;
  const replies: ReplyStore = config.store
    ? await RedisReplyStore.connect(config.store, (message) => log.record({ event: 'store-error', message })).catch(
        (err: Error) => {
          throw new InvalidInputError(
            'store-unreachable',
            `The reply store ${redact(config.store!)} cannot be reached: ${err.message}.`,
            'Check that Redis runs there (and the URL, e.g. redis://localhost:6379), or leave out --store to run a single replica.',
          );
        },
      )
    : new MemoryReplyStore();
  const ledger = replies instanceof RedisReplyStore ? replies.callLedger() : new MemoryCallLedger();
  // A secret is read from the server's own environment only, by name, when a request is sent.
  const secretValue = (name: string): string | undefined => config.env[name] || undefined;
  const deployments = new Deployments(repository, ref, log, config.pollMs ?? POLL_INTERVAL_MS, {
    ...(config.environment !== undefined ? { environment: config.environment } : {}),
    hasSecret: (name) => secretValue(name) !== undefined,
  });
  const voiceOptions = {
    publicUrl,
    profile: CARRIER_PROFILES[config.carrier],
    tokens: new CallTokens(secret),
    deployments,
    log,
    ledger,
    now: config.at ? () => config.at! : () => new Date(),
    secret: secretValue,
    ...(config.httpTimeoutMs !== undefined ? { httpTimeoutMs: config.httpTimeoutMs } : {}),
  };
  const voice = new VoiceService(voiceOptions);
  const serverOptions = {
    host: config.host,
    port: config.port,
    publicUrl,
    carrier: config.carrier,
    secrets,
    voice,
    deployments,
    replies,
    log,
    ...(config.timeouts ? { timeouts: config.timeouts } : {}),
  };
  const server = new RuntimeServer(serverOptions);
  let address;
  try {
    address = await server.listen();
  } catch (err) {
    await replies.close();
    const code = (err as NodeJS.ErrnoException).code;
    throw new InvalidInputError(
      'cannot-listen',
      `Cannot listen on ${config.host}:${config.port}${code ? ` (${code})` : ''}.`,
      code === 'EADDRINUSE'
        ? 'Another process uses that port: choose another with --port.'
        : 'Check --host and --port.',
    );
  }
  if (config.publicUrl === undefined && config.port === 0) {
    // No public URL and a port the system chose: the URL carriers reach is known only now (before any flow is served).
    publicUrl = `http://${hostInUrl}:${address.port}`;
    voiceOptions.publicUrl = serverOptions.publicUrl = publicUrl;
  }
  log.record({
    event: 'started',
    listen: `${config.host}:${address.port}`,
    publicUrl,
    carrier: config.carrier,
    ref,
    ...(config.environment !== undefined ? { environment: config.environment } : {}),
    store: replies.shared ? 'redis' : 'memory (single replica)',
    ...(config.at ? { at: config.at.toISOString() } : {}),
  });
  await deployments.start();
  const running = {
    url: `http://${hostInUrl}:${address.port}`,
    port: address.port,
    publicUrl,
    ref,
    server,
    deployments,
    stop: async () => {
      await server.drain();
      await deployments.stop();
      await replies.close();
      log.record({ event: 'stopped' });
    },
  };
  const missing = deployments.current?.missingSecrets ?? [];
  if (missing.length > 0) {
    // Refusing to start is safer than answering calls whose requests would go out without their secret.
    await running.stop();
    throw new InvalidInputError(
      'missing-secret',
      `The flows served use ${missing.map((name) => `{{secret.${name}}}`).join(', ')}, and ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set in serve's environment.`,
      `Set ${missing.join(', ')} in the environment serve runs in (never in the repository), then start it again.`,
    );
  }
  return running;
}

/** `serve --env NAME`: the ref's callflow.yaml declares NAME, and its deployments.yaml deploys it. */
async function requireDeployed(repository: ServedRepository, ref: string, environment: string): Promise<void> {
  const [settingsText] = await repository.source.readAtRevisions([{ rev: ref, path: SETTINGS_FILE }]);
  requireEnvironment(parseSettings(settingsText).environments, environment);
  if (!(await environmentCommitAt(repository.source, ref, environment)))
    throw new InvalidInputError(
      'never-deployed',
      `${environment} has never been deployed on ${ref}, so there is nothing to serve.`,
      `Deploy it first (callflow deploy ${environment}, on ${ref}), then start serve again.`,
    );
}

function carrierSecrets(carrier: CarrierName, env: NodeJS.ProcessEnv): CarrierSecrets {
  const secrets = loadCarrierSecrets(env);
  const needed = {
    twilio: secrets.twilioAuthToken,
    signalwire: secrets.signalwireSigningKey,
    telnyx: secrets.telnyxPublicKey,
  }[carrier];
  if (!needed)
    throw new InvalidInputError(
      'carrier-secret',
      `callflow serve --carrier ${carrier} checks every request's signature, and ${CARRIER_SECRET_VARIABLE[carrier]} is not set.`,
      `Set ${CARRIER_SECRET_VARIABLE[carrier]} (or ${CARRIER_SECRET_VARIABLE[carrier]}_FILE, a file holding it) to the value from the ${carrier} console.`,
    );
  return secrets;
}

function publicBase(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    url = undefined as never;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username)
    throw new InvalidInputError(
      'invalid-public-url',
      `--public-url "${text}" is not an http(s) URL without query or fragment.`,
      'Give the URL carriers reach this server at, e.g. --public-url https://voice.example.com',
    );
  return url.toString().replace(/\/+$/, '');
}

/** A store URL may carry a password: never log it. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(the --store URL)';
  }
}

export { ExecutionLog } from './executionLog';
