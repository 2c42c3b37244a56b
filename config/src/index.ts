export * from './charter';
export * from './locales';
export * from './organisation';
export * from './roles';
export * from './space';
export * from './time';
