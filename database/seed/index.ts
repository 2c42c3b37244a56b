export { seedDemo, type SeedOptions } from './demo';
export { seedLarge, type LargeSeedOptions } from './large';
export { REFERENCE_DATE } from './members';
export type { SeedReport } from './report';
export { seedSiteLarge, siteLargeDefaults, type SiteLargeSeedOptions } from './site-large';
export { fullWorkshop } from './content/events';
