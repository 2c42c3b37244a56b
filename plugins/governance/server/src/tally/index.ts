export * from './ratio';
export * from './settings';
export * from './resolution';
export * from './poll';
export * from './blt';
