export * from './annex-a';
export * from './materials';
export * from './application.commands';
export * from './application.events';
export * from './application.state';
export * from './application.decider';
