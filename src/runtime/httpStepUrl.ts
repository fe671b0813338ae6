/**
 * The URL an http step requests. The engine fills `{{variables}}` into it as text; the server
 * fills them in percent-encoded (encodeURIComponent), so a value (a caller's digits, a caller id
 * such as `+1…` or `sip:…`, an earlier answer) is data inside the URL and can never add a path, a
 * query parameter or a fragment. The rest of the template is the flow's own text, used as written.
 */
import { renderTemplate, secretsOfStep, type RuntimeDeployment, type Wait } from '../core';

export function httpStepUrl(
  deployment: RuntimeDeployment,
  wait: Extract<Wait, { kind: 'http' }>,
  variables: Readonly<Record<string, string>>,
): string {
  const step = deployment.flows.get(wait.flow)?.definition.steps[wait.step] as { url?: unknown } | undefined;
  if (typeof step?.url !== 'string') return wait.url;
  return encodedUrl(step.url, variables);
}

export function encodedUrl(template: string, variables: Readonly<Record<string, string>>): string {
  const encoded = new Map(Object.entries(variables).map(([name, value]) => [name, encodeURIComponent(value)]));
  return renderTemplate(template, encoded, () => {});
}

/**
 * The request an http step sends: the url and body as the log and the call's state hold them, with
 * each `{{secret.NAME}}` filled in from the server's environment here and nowhere else, so a secret
 * is never logged, never signed into a URL the carrier sees, and never part of a flow definition.
 * The step's templates are rendered again, secrets and variables in one pass, so a value (a caller
 * id, an earlier answer) that reads `{{secret.…}}` stays text and can never name a secret.
 */
export function requestWithSecrets(
  deployment: RuntimeDeployment,
  step: { flow: string; id: string },
  request: { url: string; body?: string },
  variables: Readonly<Record<string, string>>,
  secret: (name: string) => string | undefined,
): { url: string; body?: string } {
  const template = deployment.flows.get(step.flow)?.definition.steps[step.id] as
    { url?: unknown; body?: unknown } | undefined;
  const names = [...new Set(secretsOfStep(template))];
  if (names.length === 0) return request;
  const filled = { ...variables, ...Object.fromEntries(names.map((name) => [`secret.${name}`, secret(name) ?? ''])) };
  const body =
    typeof template!.body === 'string'
      ? renderTemplate(template!.body, new Map(Object.entries(filled)), () => {})
      : request.body;
  return {
    url: typeof template!.url === 'string' ? encodedUrl(template!.url, filled) : request.url,
    ...(body !== undefined ? { body } : {}),
  };
}
