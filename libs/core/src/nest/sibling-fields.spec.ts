import { buildSchema, graphql, type GraphQLResolveInfo } from 'graphql';
import { siblingFieldArgs } from './sibling-fields.js';

const schema = buildSchema(`
  enum Order { VP CREATED }
  type Vote { voter: String }
  type Proposal {
    id: ID
    voteCount: Int
    votes(first: Int, after: String, orderBy: Order = VP): [Vote]
  }
  type Page { nodes: [Proposal] }
  type Query { proposal: Proposal, proposals: Page }
`);

/** What `voteCount`'s resolver sees of its `votes` siblings, on every proposal of the response. */
async function seen(source: string, variableValues: Record<string, unknown> = {}) {
  const sightings: Array<Record<string, Record<string, unknown>>> = [];
  const proposal = {
    voteCount: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
      sightings.push(Object.fromEntries(siblingFieldArgs(info, 'votes')));
      return 0;
    },
  };
  const result = await graphql({
    schema,
    source,
    variableValues,
    rootValue: { proposal, proposals: { nodes: [proposal, proposal] } },
  });
  expect(result.errors).toBeUndefined();
  return sightings;
}

describe('siblingFieldArgs', () => {
  it('finds none when the field is not selected', async () => {
    expect(await seen('{ proposal { id voteCount } }')).toEqual([{}]);
  });

  it('gives each selection under its response key, with variables and argument defaults', async () => {
    expect(
      await seen(
        'query ($n: Int) { proposal { voteCount votes(first: $n) { voter } top: votes(orderBy: CREATED) { voter } } }',
        {
          n: 5,
        },
      ),
    ).toEqual([{ votes: { first: 5, orderBy: 'VP' }, top: { orderBy: 'CREATED' } }]);
  });

  it('looks through fragments, inline fragments and lists, and applies @skip/@include', async () => {
    const source = `
      query ($skip: Boolean!) {
        proposals { nodes { ...Counted ... on Proposal { votes(first: 2) { voter } } } }
      }
      fragment Counted on Proposal { voteCount hidden: votes(first: 9) @skip(if: $skip) { voter } }`;
    expect(await seen(source, { skip: true })).toEqual([
      { votes: { first: 2, orderBy: 'VP' } },
      { votes: { first: 2, orderBy: 'VP' } },
    ]);
    expect((await seen(source, { skip: false }))[0]).toEqual({
      hidden: { first: 9, orderBy: 'VP' },
      votes: { first: 2, orderBy: 'VP' },
    });
  });

  it('tells apart the selections of two fields of the same type', async () => {
    const source = `{ proposal { voteCount votes(first: 1) { voter } } proposals { nodes { voteCount } } }`;
    expect(await seen(source)).toEqual([{ votes: { first: 1, orderBy: 'VP' } }, {}, {}]);
  });
});
