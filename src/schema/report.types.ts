import Decimal from 'decimal.js';
import { IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from './scalars';

export enum SalesReportGroupBy {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
export enum MarginGroupBy {
  PRODUCT = 'PRODUCT',
  CATEGORY = 'CATEGORY',
}
registerEnumType(SalesReportGroupBy, {
  name: 'SalesReportGroupBy',
  description: 'Buckets in the location time zone; WEEK starts on Monday',
});
registerEnumType(MarginGroupBy, { name: 'MarginGroupBy' });

const RANGE_DOC = 'Instants [from, to): at most 366 days; voids and refunds count when they happen';

@ArgsType()
export class ReportRangeArgs {
  @Field({ description: RANGE_DOC }) from!: Date;
  @Field({ description: 'Exclusive' }) to!: Date;
  @Field(() => ID, { nullable: true, description: 'One location; all of the tenant when omitted' })
  @IsOptional()
  @IsUUID()
  locationId?: string | null;
}

@ArgsType()
export class ReportCsvArgs extends ReportRangeArgs {
  @Field({
    description:
      'salesReport, salesReportByWeek, salesReportByMonth, paymentMethodBreakdown, topProducts, salesByCategory, cashierPerformance, hourlySales, profitMargin, profitMarginByCategory',
  })
  @Length(1, 64)
  report!: string;
}

@ArgsType()
export class SalesReportArgs extends ReportRangeArgs {
  @Field(() => SalesReportGroupBy, { nullable: true, defaultValue: SalesReportGroupBy.DAY })
  groupBy!: SalesReportGroupBy;
}

@ArgsType()
export class TopProductsArgs extends ReportRangeArgs {
  @Field(() => Int, { nullable: true, defaultValue: 10, description: '1 to 100' })
  @IsInt()
  @Min(1)
  @Max(100)
  limit!: number;
}

@ArgsType()
export class ProfitMarginArgs extends ReportRangeArgs {
  @Field(() => MarginGroupBy, { nullable: true, defaultValue: MarginGroupBy.PRODUCT }) groupBy!: MarginGroupBy;
}

@ObjectType('DailySalesSummary', { description: 'One location and local day (docs/reports.md defines each figure)' })
export class DailySalesSummaryType {
  @Field({ description: 'Local date YYYY-MM-DD' }) date!: string;
  @Field(() => ID) locationId!: string;
  @Field(() => Int, { description: 'Sales completed that day minus completed sales voided that day' })
  totalSales!: number;
  @Field(() => DecimalScalar, {
    description: 'Totals of sales completed that day minus those voided that day (refunds not deducted)',
  })
  totalRevenue!: Decimal;
  @Field(() => DecimalScalar, { name: 'totalCOGS' }) totalCOGS!: Decimal;
  @Field(() => DecimalScalar) totalDiscount!: Decimal;
  @Field(() => DecimalScalar) totalTax!: Decimal;
  @Field(() => DecimalScalar, { description: 'Refunds processed that day' }) totalRefunds!: Decimal;
  @Field(() => DecimalScalar, { description: 'Cash taken minus cash refunded' }) cashTotal!: Decimal;
  @Field(() => DecimalScalar) cardTotal!: Decimal;
  @Field(() => DecimalScalar) otherTotal!: Decimal;
}

@ObjectType('SalesReportRow')
export class SalesReportRowType {
  @Field({ description: 'Local date the bucket starts' }) period!: string;
  @Field(() => Int) salesCount!: number;
  @Field(() => DecimalScalar, { description: 'Subtotals (before discounts and tax)' }) grossSales!: Decimal;
  @Field(() => DecimalScalar) discounts!: Decimal;
  @Field(() => DecimalScalar) tax!: Decimal;
  @Field(() => DecimalScalar, { description: 'Sale totals, voids deducted' }) revenue!: Decimal;
  @Field(() => DecimalScalar) refunds!: Decimal;
  @Field(() => DecimalScalar, { description: 'revenue - refunds' }) netRevenue!: Decimal;
  @Field(() => DecimalScalar, { nullable: true, description: 'Average total of the sales completed in the bucket' })
  averageBasket!: Decimal | null;
}

@ObjectType('PaymentMethodTotal')
export class PaymentMethodTotalType {
  @Field() method!: string;
  @Field(() => Int) paymentCount!: number;
  @Field(() => DecimalScalar) amount!: Decimal;
  @Field(() => DecimalScalar) refunds!: Decimal;
  @Field(() => DecimalScalar, { description: 'amount - refunds' }) net!: Decimal;
}

@ObjectType('ProductSalesRow')
export class ProductSalesRowType {
  @Field(() => ID) productId!: string;
  @Field() sku!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) category!: string | null;
  @Field(() => Int, { description: 'Units sold minus voided and refunded units' }) quantity!: number;
  @Field(() => DecimalScalar, { description: 'Line totals (tax included) minus voids and refunds' }) revenue!: Decimal;
}

@ObjectType('CategorySalesRow')
export class CategorySalesRowType {
  @Field() category!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => DecimalScalar) revenue!: Decimal;
  @Field(() => Int) productCount!: number;
}

@ObjectType('CashierPerformanceRow')
export class CashierPerformanceRowType {
  @Field(() => ID) cashierId!: string;
  @Field(() => String, { nullable: true }) cashierName!: string | null;
  @Field() cashierEmail!: string;
  @Field(() => Int) salesCount!: number;
  @Field(() => DecimalScalar) revenue!: Decimal;
  @Field(() => DecimalScalar, { nullable: true }) averageBasket!: Decimal | null;
  @Field(() => Int) voidCount!: number;
  @Field(() => DecimalScalar) voidAmount!: Decimal;
  @Field(() => Int) refundCount!: number;
  @Field(() => DecimalScalar) refundAmount!: Decimal;
  @Field(() => DecimalScalar) discountsGiven!: Decimal;
}

@ObjectType('HourlySalesRow')
export class HourlySalesRowType {
  @Field(() => Int, { description: 'Local hour 0-23' }) hour!: number;
  @Field(() => Int) salesCount!: number;
  @Field(() => DecimalScalar) revenue!: Decimal;
  @Field(() => DecimalScalar, { nullable: true }) averageBasket!: Decimal | null;
}

@ObjectType('MarginRow')
export class MarginRowType {
  @Field({ description: 'Product id or category' }) key!: string;
  @Field() name!: string;
  @Field(() => DecimalScalar, { description: 'Revenue net of tax, voids and refunds' }) revenue!: Decimal;
  @Field(() => DecimalScalar) cogs!: Decimal;
  @Field(() => DecimalScalar) margin!: Decimal;
  @Field(() => DecimalScalar, { nullable: true, description: 'margin / revenue x 100, 2 places' })
  marginPercent!: Decimal | null;
}
