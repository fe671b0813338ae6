export * from './versions';
export * from './workspaceCalls';
export * from './reachable';
