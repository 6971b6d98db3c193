export * from './calendar.module';
export * from './clock';
export * from './working-day-calendar';
