/**
 * Which journeys the flow's call scenarios cover: a scenario covers a journey when its
 * simulated call takes the journey's steps and exits (a journey that loops back is covered
 * by a call that starts the same way).
 */
import type { SimulatedStep } from '../simulator/types';
import type { Journey } from './journeys';

export interface ScenarioTrace {
  name: string;
  steps: readonly SimulatedStep[];
}

export interface JourneyCoverage {
  /** Journey key -> names of the scenarios whose call goes that way. */
  coveredBy: Map<string, string[]>;
  covered: number;
  total: number;
}

export function journeyCoverage(
  journeys: readonly Journey[],
  traces: readonly ScenarioTrace[],
  flowId: string,
): JourneyCoverage {
  const coveredBy = new Map<string, string[]>();
  for (const journey of journeys) {
    const names = traces.filter((trace) => follows(trace.steps, journey, flowId)).map((trace) => trace.name);
    if (names.length > 0) coveredBy.set(journey.key, names);
  }
  return { coveredBy, covered: coveredBy.size, total: journeys.length };
}

function follows(steps: readonly SimulatedStep[], journey: Journey, flowId: string): boolean {
  const own = steps.findIndex((entry) => entry.flow !== flowId);
  const inFlow = own < 0 ? steps : steps.slice(0, own);
  const path = journey.path;
  if (inFlow.length < path.length) return false;
  if (journey.outcome.kind !== 'loop' && inFlow.length !== path.length) return false;
  return path.every((entry, i) => inFlow[i]!.step === entry.step && (inFlow[i]!.exit ?? null) === entry.exit);
}
