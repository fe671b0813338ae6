export * from './versions';
export * from './workspaceCalls';
