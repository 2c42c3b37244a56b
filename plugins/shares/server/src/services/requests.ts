/**
 * What a member may do with their own request (a subscription or a redemption): cancel it, and only
 * while it is submitted. Every other step is the board's. One rule for both kinds of request; each
 * says it in its own words.
 */
import { Conflict, NotAllowed } from '@notre-asso/plugin-kit';

export interface RequesterWords {
  /** Said when the requester tries anything but cancelling: [fr, en]. */
  boardOnly: [string, string];
  /** Said when the request has already been reviewed: [fr, en]. */
  tooLate: [string, string];
}

export function checkRequesterStep(state: string, to: string, words: RequesterWords): void {
  if (to !== 'cancelled') throw new NotAllowed(...words.boardOnly);
  if (state !== 'submitted') throw new Conflict(...words.tooLate, { state });
}
