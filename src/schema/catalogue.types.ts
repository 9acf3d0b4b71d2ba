import { ArrayMaxSize, ArrayMinSize, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { CreateProductInput, ProductType } from './inventory.types';

@ObjectType()
export class CatalogueChanges {
  @Field(() => [ProductType], { description: 'The current state of every product changed since the cursor' })
  products!: ProductType[];
  @Field(() => [ID], { description: 'Products deleted since the cursor' }) removedProductIds!: string[];
  @Field({ description: 'Pass as `after` next time (the same one when nothing new is visible)' }) cursor!: string;
  @Field({ description: 'More changes are visible now: ask again at once' }) hasMore!: boolean;
}

@InputType()
export class UpsertProductsInput {
  @Field(() => [CreateProductInput], { description: 'By sku: 1 to 1,000 a call' })
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  products!: CreateProductInput[];
}

@ObjectType()
export class UpsertProductsResult {
  @Field(() => Int) created!: number;
  @Field(() => Int) updated!: number;
  @Field(() => [ID], { description: 'In the order given' }) productIds!: string[];
}
