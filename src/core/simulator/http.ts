/** The simulator answers http steps from fixtures (`--http`, a scenario's `http` map). */
import type { HttpFixture } from './types';

/** The fixture for a request: "METHOD url" first, then the url alone. */
export function findFixture(
  fixtures: ReadonlyMap<string, HttpFixture>,
  method: string,
  url: string,
): HttpFixture | undefined {
  if (fixtures.size === 0) return undefined;
  return fixtures.get(`${method.toUpperCase()} ${url}`) ?? fixtures.get(url);
}
