/** A GraphQL object type class (TypeGraphQL): what a webhook body is shaped after. */
export type ApiType = abstract new (...args: never[]) => unknown;

/**
 * The API's object types the webhook bodies follow, given to the services by
 * the entry point (src/schema/api-shapes.ts builds it): the schema layer sits
 * above the services, so they receive its types instead of importing them.
 */
export interface ApiShapes {
  sale: ApiType;
  saleItem: ApiType;
  salePayment: ApiType;
  refund: ApiType;
  session: ApiType;
  cashMovement: ApiType;
  stockMovement: ApiType;
  product: ApiType;
}
