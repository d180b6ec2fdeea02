export { TallyError, TallyErrorCode } from './tally.error.js';
export {
  BASIC_CHOICES,
  assertChoiceCount,
  parseChoice,
  type Choice,
  type ChoiceByType,
  type WeightMap,
} from './choice.js';
export {
  applyVote,
  computeTally,
  emptyTally,
  removeVote,
  type RankedChoiceTallyState,
  type SummedTallyState,
  type SummedVoteType,
  type TallyState,
  type TallyVote,
} from './tally-state.js';
export { basicOutcome, tallyResult, type TallyResult } from './tally-result.js';
export { TallyStateJson, tallyStateFromJson, tallyStateToJson } from './tally-json.js';
export {
  ProposalExport,
  parseProposalExport,
  recount,
  type ParsedProposalExport,
  type RecountResult,
} from './proposal-export.js';
