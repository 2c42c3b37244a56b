// A demo machine starts with no configuration at all; production must bring its own secrets.
export function secret(env: (key: string, fallback?: string) => string, name: string): string {
  const value = env(name, '');
  if (value) return value;
  if (process.env.NODE_ENV === 'production') {
    throw new Error(`${name} must be set in production (see .env.example)`);
  }
  return `notre-asso-development-only-${name.toLowerCase()}`;
}
