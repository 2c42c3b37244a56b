import type { Core } from '@strapi/strapi';
import { fillFreedSeats } from './registrations';
import { UID } from './store';

type DocumentMiddleware = Parameters<Core.Strapi['documents']['use']>[0];

/**
 * Document Service middleware: when an event is published or its published version updated (an
 * editor raised its capacity in the admin panel, say), waiting members move up into the new seats.
 */
export function seatsFollowCapacity(strapi: Core.Strapi): DocumentMiddleware {
  return async (context, next) => {
    const result = await next();
    const documentId = (context.params as { documentId?: string }).documentId;
    if (context.uid === UID.event && documentId && (context.action === 'publish' || context.action === 'update'))
      await fillFreedSeats(strapi, documentId);
    return result;
  };
}
