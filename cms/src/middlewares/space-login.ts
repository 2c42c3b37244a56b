interface Context {
  path: string;
  status: number;
  state: { user?: unknown };
  unauthorized(message: string): void;
}

/**
 * The members' space is for logged-in members: an anonymous request there is told to log in
 * (401), where users-permissions answers 403 as for any action the public role lacks.
 */
export default () => async (ctx: Context, next: () => Promise<void>) => {
  await next();
  if (ctx.status === 403 && !ctx.state.user && ctx.path.startsWith('/api/space/')) {
    ctx.unauthorized('Connectez-vous d’abord. / Log in first.');
  }
};
