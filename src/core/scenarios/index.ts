/** Call scenarios (flow format section 9). */
export { parseCallScenarios, isScenarioFileName } from './parse';
export { runCallScenario, runScenarioFile, runScenarioText, type ScenarioRunOptions } from './run';
export { unmetExpectations } from './expectations';
export * from './types';
