/**
 * Requests the server makes itself: a flow's http steps (a CRM lookup) and the callback webhook.
 * Each is bounded in time (well inside the carrier's 15 s for an answer) and in the size of what
 * it reads back; a request that times out, is refused or answers too much counts as no answer.
 */

/** An http step's whole budget: the carrier waits 15 s for our answer, and a turn may make several. */
export const HTTP_STEP_TIMEOUT_MS = 5_000;
/** The most of an answer read (its JSON is what `save` picks from). */
export const MAX_ANSWER_BYTES = 256 * 1024;

export interface HttpAnswer {
  /** 0: no answer at all (timeout, refused, too large). */
  status: number;
  body?: unknown;
  /** Why there was no answer, for the log. */
  failure?: string;
}

export async function requestJson(
  method: string,
  url: string,
  body: string | undefined,
  timeoutMs = HTTP_STEP_TIMEOUT_MS,
  contentType = 'application/json',
): Promise<HttpAnswer> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      method,
      signal,
      redirect: 'follow',
      headers: {
        accept: 'application/json',
        'user-agent': 'callflow-serve',
        ...(body !== undefined ? { 'content-type': contentType } : {}),
      },
      ...(body !== undefined && method !== 'GET' ? { body } : {}),
    });
    const text = await readBounded(response);
    if (text === undefined) return { status: 0, failure: `answer over ${MAX_ANSWER_BYTES} bytes` };
    return { status: response.status, body: parseJson(text) };
  } catch (err) {
    const timedOut = signal.aborted;
    return { status: 0, failure: timedOut ? `no answer within ${timeoutMs} ms` : describeFailure(err) };
  }
}

async function readBounded(response: Response): Promise<string | undefined> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early cancels the stream: nothing past the limit is read.
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_ANSWER_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function describeFailure(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message ?? 'request failed';
}
