export * from './locales';
export * from './organisation';
export * from './roles';
