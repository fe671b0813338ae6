/**
 * The engine's view of a deployment: each flow at the version a call is pinned to, the published
 * one where a call goes to another flow, and the call clock.
 */
import { deployedVersion, publishedVersionIn, type EngineContext, type RuntimeDeployment } from '../core';

export function engineContext(deployment: RuntimeDeployment, now: Date): EngineContext {
  return {
    definitionOf: (ref) => deployedVersion(deployment, ref.id, ref.version)?.definition,
    resolvePublished: (id) => publishedVersionIn(deployment, id),
    now,
  };
}
