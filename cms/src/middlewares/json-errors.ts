import { errors } from '@strapi/utils';

interface ParseError {
  status?: number;
  message?: string;
}

/**
 * A body that is not valid JSON gets a 400 that says so, in Strapi's error shape, instead of a
 * bare parser exception logged as a server error.
 */
export default () => async (_ctx: unknown, next: () => Promise<void>) => {
  try {
    await next();
  } catch (error) {
    const e = error as ParseError;
    // The body parser marks its own failures with status 400; a SyntaxError of ours stays a 500.
    if (error instanceof SyntaxError && e.status === 400) {
      throw new errors.ValidationError(`The request body is not valid JSON (${e.message}).`);
    }
    throw error;
  }
};
