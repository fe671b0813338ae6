/** The test call: a call answered turn by turn (`callflow call`, VS Code's Test Call). */
export * from './interactiveCall';
export {
  appendScenario,
  expectationOf,
  scenarioEntry,
  testCallScenarioName,
  type SavedScenario,
} from './savedScenario';
export { callTimeZoneOf, describeCallTime, instantOfLocal, localInputOf } from './callTime';
export { entryComplete, type ListeningWait } from './listening';
