/** The call simulator (flow format section 7). Semantics: docs/simulation.md. */
export { simulateCall } from './simulateCall';
export { parseCallTime, checkHttpFixtures, DEFAULT_MAX_STEPS } from './inputs';
export { parseHttpFixturesText } from './fixtures';
export { describeOutcome, describeStep, describeSimulation } from './describe';
export { readJsonPath } from './http';
export { localTimeIn, isKnownTimeZone, type LocalTime } from './zonedTime';
export { decideBusinessHours } from './businessHours';
export { parseDayKey, parseTimeRange } from '../schedule';
export { renderTemplate, templateVariables } from './promptTemplates';
export { testCondition, valuesEqual } from './conditions';
export * from './types';
