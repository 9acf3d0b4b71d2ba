import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { TenantContext } from '../context';
import { OfflineSale } from '../entities';
import {
  FlaggedOfflineSale,
  NegativeStockLevel,
  OfflineSaleResult,
  SubmitOfflineSalesInput,
  TerminalSyncState,
} from '../schema/offline.types';
import type { OfflineSaleOutcome } from '../services/sales/offline/offline-sale.service';
import type { NegativeStockRow, TerminalSync } from '../services/sales/offline/offline-reports';

@Resolver()
export class OfflineResolver {
  @Authorized('pos:sale:create')
  @Mutation(() => [OfflineSaleResult], {
    description: 'Sales a register made offline, in its order: each recorded exactly once (docs/offline.md)',
  })
  submitOfflineSales(
    @Arg('input') input: SubmitOfflineSalesInput,
    @Ctx() ctx: TenantContext,
  ): Promise<OfflineSaleOutcome[]> {
    return ctx.services.offlineSales.submit(ctx, input);
  }

  @Authorized('pos:sale:create')
  @Query(() => TerminalSyncState, { description: 'What a register needs to number and sync while offline' })
  terminalSyncState(@Arg('terminalId', () => ID) terminalId: string, @Ctx() ctx: TenantContext): Promise<TerminalSync> {
    return ctx.services.offlineSync.syncState(ctx, terminalId);
  }

  @Authorized('pos:report:read')
  @Query(() => [FlaggedOfflineSale], { description: 'Offline sales accepted with warnings, newest first' })
  flaggedOfflineSales(
    @Arg('terminalId', () => ID, { nullable: true }) terminalId: string | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Ctx() ctx: TenantContext,
  ): Promise<OfflineSale[]> {
    return ctx.services.offlineSync.flaggedSales(ctx, { terminalId, first });
  }

  @Authorized('pos:report:read')
  @Query(() => [NegativeStockLevel], { description: 'Stock levels below zero, lowest first' })
  negativeStock(
    @Arg('locationId', () => ID, { nullable: true }) locationId: string | null,
    @Ctx() ctx: TenantContext,
  ): Promise<NegativeStockRow[]> {
    return ctx.services.offlineSync.negativeStock(ctx, locationId);
  }
}
