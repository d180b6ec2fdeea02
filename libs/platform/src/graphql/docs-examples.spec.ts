import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const schema = buildSchema(readFileSync(join(root, 'schema.gql'), 'utf8'));

/** Every ```graphql block of docs/*.md and the README, with where it is. */
const examples = [...readdirSync(join(root, 'docs')).map((file) => join('docs', file)), 'README.md']
  .filter((file) => file.endsWith('.md'))
  .flatMap((file) =>
    [...readFileSync(join(root, file), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map(
      (match, index) => [`${file} #${index + 1}`, match[1]] as const,
    ),
  );

describe('GraphQL examples in the docs', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(15);
  });

  it.each(examples)('%s is valid against schema.gql', (_, example) => {
    expect(validate(schema, parse(example)).map((error) => error.message)).toEqual([]);
  });
});
