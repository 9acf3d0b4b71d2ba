import { Max, Min, IsOptional, MaxLength } from 'class-validator';
import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';
import type { Page } from '../services/core/pagination';

/**
 * Relay-style connections (docs/api.md): `{ edges { cursor node } pageInfo
 * { hasNextPage endCursor } totalCount }`, for any node type.
 *
 * Usage:
 *   @ObjectType() export class ProductConnection extends Connection(ProductType) {}
 *   @Query(() => ProductConnection) products(@Args() page: ConnectionArgs) {
 *     return toConnection(await service.list(ctx, page));   // the service calls keysetPage()
 *   }
 */
@ObjectType('PageInfo')
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page' }) endCursor!:
    string | null;
}

export interface ConnectionShape<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  totalCount: number | Promise<number>;
}

/** `first` (1-100, default 20) and `after` (an endCursor): every list query's page arguments. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1-100 (default 20)' })
  @IsOptional()
  @Min(1)
  @Max(100)
  first?: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page' })
  @IsOptional()
  @MaxLength(500)
  after?: string;
}

/**
 * The fields of a connection over `nodeType`, plus its `<Name>Edge` type
 * (`Name`: the node class name without a `Type` suffix, unless given).
 * Extend it with a concrete `@ObjectType('<Name>Connection')` class.
 */
export function Connection<T extends object>(nodeType: ClassType<T>, name?: string) {
  const typeName = name ?? graphQLName(nodeType);

  @ObjectType(`${typeName}Edge`)
  class Edge {
    @Field() cursor!: string;
    @Field(() => nodeType) node!: T;
  }

  @ObjectType()
  abstract class ConnectionType implements ConnectionShape<T> {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int, { description: 'All items matching the filter, across pages' }) totalCount!: number;
  }
  return ConnectionType;
}

/** A service's Page as the GraphQL connection shape. */
export function toConnection<T>(page: Page<T>): ConnectionShape<T> {
  return {
    edges: page.items.map((node, i) => ({ cursor: page.cursors[i], node })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors.at(-1) ?? null },
    // A getter: the field's resolver reads it only when the selection holds totalCount.
    get totalCount() {
      return page.totalCount();
    },
  };
}

function graphQLName(nodeType: ClassType): string {
  return nodeType.name.replace(/Type$/, '');
}
