import { Arg, Args, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { TenantContext } from '../context';
import {
  CashierPerformanceRowType,
  CategorySalesRowType,
  DailySalesSummaryType,
  HourlySalesRowType,
  MarginRowType,
  PaymentMethodTotalType,
  ProductSalesRowType,
  ProfitMarginArgs,
  ReportCsvArgs,
  ReportRangeArgs,
  SalesReportArgs,
  SalesReportRowType,
  TopProductsArgs,
} from '../schema/report.types';
import { LocalDateScalar } from '../schema/scalars';

type Rows = Promise<object[]>;

@Resolver()
export class ReportResolver {
  @Authorized('pos:report:read')
  @Query(() => [DailySalesSummaryType], {
    description: 'Stored daily summaries of a local date (kept by the update-daily-summary job)',
  })
  dailySalesSummary(
    @Arg('date', () => LocalDateScalar) date: string,
    @Arg('locationId', () => ID, { nullable: true }) locationId: string | null,
    @Ctx() ctx: TenantContext,
  ): Rows {
    return ctx.services.reports.dailySalesSummary(ctx, date, locationId);
  }

  @Authorized('pos:report:read')
  @Query(() => [SalesReportRowType])
  salesReport(@Args() args: SalesReportArgs, @Ctx() ctx: TenantContext): Rows {
    return ctx.services.reports.salesReport(ctx, args, args.groupBy);
  }

  @Authorized('pos:report:read')
  @Query(() => [PaymentMethodTotalType])
  paymentMethodBreakdown(@Args() args: ReportRangeArgs, @Ctx() ctx: TenantContext): Rows {
    return ctx.services.reports.paymentMethodBreakdown(ctx, args);
  }

  @Authorized('pos:report:read')
  @Query(() => [ProductSalesRowType])
  topProducts(@Args() args: TopProductsArgs, @Ctx() ctx: TenantContext): Rows {
    return ctx.services.reports.topProducts(ctx, args, args.limit);
  }

  @Authorized('pos:report:read')
  @Query(() => [CategorySalesRowType])
  salesByCategory(@Args() args: ReportRangeArgs, @Ctx() ctx: TenantContext): Rows {
    return ctx.services.reports.salesByCategory(ctx, args);
  }

  @Authorized('pos:report:read')
  @Query(() => [CashierPerformanceRowType])
  cashierPerformance(@Args() args: ReportRangeArgs, @Ctx() ctx: TenantContext): Rows {
    return ctx.services.reports.cashierPerformance(ctx, args);
  }

  @Authorized('pos:report:read')
  @Query(() => [HourlySalesRowType])
  hourlySales(@Args() args: ReportRangeArgs, @Ctx() ctx: TenantContext): Rows {
    return ctx.services.reports.hourlySales(ctx, args);
  }

  @Authorized('pos:report:read')
  @Query(() => String, {
    description: 'A range report as RFC 4180 CSV (docs/reports.md, CSV); also GET /reports/<report>.csv',
  })
  reportCsv(@Args() args: ReportCsvArgs, @Ctx() ctx: TenantContext): Promise<string> {
    return ctx.services.reports.csv(ctx, args.report, args);
  }

  @Authorized('pos:report:read')
  @Query(() => [MarginRowType])
  profitMargin(@Args() args: ProfitMarginArgs, @Ctx() ctx: TenantContext): Rows {
    return ctx.services.reports.profitMargin(ctx, args, args.groupBy);
  }
}
