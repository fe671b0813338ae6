/** The call simulator (flow format section 7). Semantics: docs/simulation.md. */
export { simulateCall } from './simulateCall';
export { parseCallTime, checkHttpFixtures, DEFAULT_MAX_STEPS } from './inputs';
export { parseHttpFixturesText } from './fixtures';
export { describeOutcome, describeStep, describeSimulation } from './describe';
// The step semantics the simulator runs are the engine's; these are its pieces tools reuse.
export { readJsonPath } from '../engine/httpAnswer';
export { localTimeIn, isKnownTimeZone, type LocalTime } from '../engine/zonedTime';
export { decideBusinessHours } from '../engine/businessHours';
export { parseDayKey, parseTimeRange } from '../schedule';
export { renderTemplate, templateVariables } from '../engine/promptTemplates';
export { testCondition, valuesEqual } from '../engine/conditions';
export * from './types';
