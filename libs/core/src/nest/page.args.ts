import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: 'Items per page (default 20, at most GRAPHQL_MAX_PAGE_SIZE).',
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
  after?: string | null;
}

@ObjectType()
export class PageInfo {
  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}

export interface Connection<T> {
  nodes: T[];
  pageInfo: PageInfo;
}

/** A paginated list type, e.g. `DaoConnection { nodes: [Dao!]!, pageInfo: PageInfo! }`. */
export function ConnectionOf<T>(node: Type<T>, name: string): Type<Connection<T>> {
  @ObjectType(name)
  class ConnectionType implements Connection<T> {
    @Field(() => [node])
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}
