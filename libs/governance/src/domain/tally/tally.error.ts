import { GuildhallError, type ErrorCategory } from '@guildhall/core/lean';

export const TallyErrorCode = {
  /** The choice has the wrong JSON shape for the vote type (not an integer, array or object). */
  CHOICE_WRONG_SHAPE: 'CHOICE_WRONG_SHAPE',
  /** A choice number outside 1..choiceCount. */
  CHOICE_OUT_OF_RANGE: 'CHOICE_OUT_OF_RANGE',
  /** The same choice twice in an approval or a ranking. */
  CHOICE_DUPLICATE: 'CHOICE_DUPLICATE',
  /** A ranked-choice ballot that does not rank every choice. */
  RANKING_INCOMPLETE: 'RANKING_INCOMPLETE',
  /** An approval vote that approves nothing. */
  APPROVAL_EMPTY: 'APPROVAL_EMPTY',
  /** A weighted or quadratic vote with no weights. */
  WEIGHTS_EMPTY: 'WEIGHTS_EMPTY',
  /** A weight that is not a positive integer no larger than 2^53 − 1. */
  WEIGHT_NOT_POSITIVE: 'WEIGHT_NOT_POSITIVE',
  /** A vote with zero (or negative) voting power. */
  VP_NOT_POSITIVE: 'VP_NOT_POSITIVE',
  /** A choice count the vote type does not allow (`basic` has exactly 3, the others at least 1). */
  CHOICE_COUNT_INVALID: 'CHOICE_COUNT_INVALID',
  /** A supermajority outside 0..10000 basis points. */
  SUPERMAJORITY_OUT_OF_RANGE: 'SUPERMAJORITY_OUT_OF_RANGE',
  /** A proposal export that does not follow the documented format. */
  EXPORT_INVALID: 'EXPORT_INVALID',
  /** Removing a vote the tally does not hold: the kept tally and the votes disagree. */
  VOTE_NOT_IN_TALLY: 'VOTE_NOT_IN_TALLY',
  /** A stored tally that does not parse or is inconsistent. */
  TALLY_STATE_INVALID: 'TALLY_STATE_INVALID',
} as const;
export type TallyErrorCode = (typeof TallyErrorCode)[keyof typeof TallyErrorCode];

const categories: Record<TallyErrorCode, ErrorCategory> = {
  CHOICE_WRONG_SHAPE: 'BAD_INPUT',
  CHOICE_OUT_OF_RANGE: 'BAD_INPUT',
  CHOICE_DUPLICATE: 'BAD_INPUT',
  RANKING_INCOMPLETE: 'BAD_INPUT',
  APPROVAL_EMPTY: 'BAD_INPUT',
  WEIGHTS_EMPTY: 'BAD_INPUT',
  WEIGHT_NOT_POSITIVE: 'BAD_INPUT',
  VP_NOT_POSITIVE: 'BAD_INPUT',
  CHOICE_COUNT_INVALID: 'BAD_INPUT',
  SUPERMAJORITY_OUT_OF_RANGE: 'BAD_INPUT',
  EXPORT_INVALID: 'BAD_INPUT',
  VOTE_NOT_IN_TALLY: 'INTERNAL',
  TALLY_STATE_INVALID: 'INTERNAL',
};

/** Errors of the tally rules: an invalid choice or export, or a kept tally that went out of step. */
export class TallyError extends GuildhallError<TallyErrorCode> {
  get category(): ErrorCategory {
    return categories[this.code];
  }
}
