/** The test call: a call answered turn by turn (`callflow call`, VS Code's Test Call). */
export * from './interactiveCall';
export { appendScenario, expectationOf, scenarioEntry, type SavedScenario } from './savedScenario';
