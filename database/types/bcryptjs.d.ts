// bcryptjs 2.x ships no types and @types/bcryptjs is not installed; the seed needs only this.
declare module 'bcryptjs' {
  export function hashSync(password: string, rounds?: number): string;
  export function compareSync(password: string, hash: string): boolean;
}
