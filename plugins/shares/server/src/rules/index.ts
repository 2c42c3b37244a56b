export * from './dates';
export * from './money';
export * from './refusal';
export * from './statutes';
export * from './subscriptions';
export * from './redemptions';
export * from './tax-lots';
