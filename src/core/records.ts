/**
 * Objects keyed by names that users write (queues, variables, http requests, step ids): without
 * a prototype, a key such as `__proto__` or `constructor` is an ordinary key, never the
 * object's prototype or an inherited method.
 */
export function nullRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
