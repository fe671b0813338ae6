/**
 * Typed errors of the core. Each carries what an edge (CLI, extension) needs to turn it
 * into its own kind of message: a stable code, a category that maps to the CLI exit
 * status, and a hint saying what to do next. One file per domain; callers import this index.
 */
export * from './base';
export * from './workspace';
export * from './lifecycle';
export * from './git';
export * from './files';
