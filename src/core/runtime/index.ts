/** What `callflow serve` needs from the core: deployments read from git, and carrier documents. */
export {
  loadDeployment,
  environmentCommitAt,
  secretsUsed,
  secretsOfStep,
  flowForNumber,
  deployedVersion,
  publishedVersionIn,
  type DeploymentOptions,
  type RuntimeDeployment,
  type DeployedFlow,
  type DeploymentSource,
} from './deployment';
export { parseRuntimeSettings, DEFAULT_RUNTIME_SETTINGS, type RuntimeSettings } from './settings';
export {
  renderTwiml,
  escapeText,
  escapeAttribute,
  CARRIERS,
  CARRIER_PROFILES,
  type CarrierName,
  type CarrierProfile,
  type TwimlVerb,
} from './twiml';
export {
  turnVerbs,
  holdVerbs,
  apologyVerbs,
  VOICEMAIL_MAX_SECONDS,
  HOLD_PAUSE_SECONDS,
  type CallLinks,
  type TurnOutput,
} from './callDocument';
export {
  parseLogLine,
  summarizeCalls,
  replayPlan,
  replaySimulateInputs,
  compareReplay,
  type LogLine,
  type LoggedCallSummary,
  type ReplayPlan,
  type ReplayComparison,
} from './loggedCalls';
