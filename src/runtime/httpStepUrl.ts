/**
 * The URL an http step requests. The engine fills `{{variables}}` into it as text; the server
 * fills them in percent-encoded (encodeURIComponent), so a value (a caller's digits, a caller id
 * such as `+1…` or `sip:…`, an earlier answer) is data inside the URL and can never add a path, a
 * query parameter or a fragment. The rest of the template is the flow's own text, used as written.
 */
import { renderTemplate, type RuntimeDeployment, type Wait } from '../core';

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
