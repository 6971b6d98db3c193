export * from './channel-kinds';
export * from './dates';
export * from './entities';
export * from './enums';
export * from './money';
export * from './project-status';
export * from './event-notifications';
export * from './node-template-graph';
