export * from './calendar.module';
export * from './clock';
export * from './working-day-calendar';
export * from './office-calendar.module';
export * from './office-calendar.sync';
export * from './next-year-warning';
