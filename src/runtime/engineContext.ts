/**
 * The engine's view of a deployment: each flow at the version a call is pinned to, the published
 * one where a call goes to another flow, and the call clock.
 */
import type { EngineContext, RuntimeDeployment } from '../core';

export function engineContext(deployment: RuntimeDeployment, now: Date): EngineContext {
  return {
    definitionOf: (ref) => {
      const flow = deployment.flows.get(ref.id);
      return flow && String(flow.version) === String(ref.version) ? flow.definition : undefined;
    },
    resolvePublished: (id) => {
      const flow = deployment.flows.get(id);
      return flow ? { version: flow.version, definition: flow.definition } : undefined;
    },
    now,
  };
}
