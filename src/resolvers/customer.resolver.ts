import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import { IsOptional, MaxLength } from 'class-validator';
import { TenantContext } from '../context';
import { Customer } from '../entities';
import { ConnectionArgs, ConnectionShape, toConnection } from '../schema/connection';
import { CreateCustomerInput, CustomerConnection, CustomerType, UpdateCustomerInput } from '../schema/inventory.types';

@ArgsType()
class CustomersArgs extends ConnectionArgs {
  @Field({ nullable: true, description: 'Part of the name, email or phone' })
  @IsOptional()
  @MaxLength(100)
  search?: string;
}

@Resolver(() => CustomerType)
export class CustomerResolver {
  @Authorized('inventory:product:write')
  @Mutation(() => CustomerType)
  createCustomer(@Arg('input') input: CreateCustomerInput, @Ctx() ctx: TenantContext): Promise<Customer> {
    return ctx.services.customers.create(ctx, input);
  }

  @Authorized('inventory:product:write')
  @Mutation(() => CustomerType, { description: 'NOT_FOUND when no customer of the tenant has this id' })
  updateCustomer(@Arg('input') input: UpdateCustomerInput, @Ctx() ctx: TenantContext): Promise<Customer> {
    return ctx.services.customers.update(ctx, input);
  }

  @Authorized('inventory:read')
  @Query(() => CustomerType, { description: 'NOT_FOUND when no customer of the tenant has this id' })
  customer(@Arg('id', () => ID) id: string, @Ctx() ctx: TenantContext): Promise<Customer> {
    return ctx.services.customers.get(ctx, id);
  }

  @Authorized('inventory:read')
  @Query(() => CustomerConnection, {
    description: 'Customers by name, paged (first 1-100); search matches name, email or phone',
  })
  async customers(@Args() args: CustomersArgs, @Ctx() ctx: TenantContext): Promise<ConnectionShape<Customer>> {
    return toConnection(await ctx.services.customers.list(ctx, args, args));
  }
}
