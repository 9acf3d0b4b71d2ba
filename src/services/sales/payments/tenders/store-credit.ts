import { LockMode } from '@mikro-orm/core';
import type Decimal from 'decimal.js';
import { TenantContext } from '../../../../context';
import { Customer, Sale, SalePayment } from '../../../../entities';
import { PaymentMethod } from '../../../../entities/sale-enums';
import { badInput, notFound } from '../../../../errors';
import { sum } from '../../../../money/decimal';
import { isUuid } from '../../../core/ids';
import { NOTHING_AT_A_GATEWAY, PayRequest, RefundOutcome, RefundRequest, Tender } from './tender';

/** The sale's customer, locked FOR UPDATE: every store-credit change of a balance goes through here. */
async function lockCreditCustomer(tx: TenantContext, sale: Sale): Promise<Customer> {
  if (!sale.customerId) throw badInput('method', 'store credit needs a customer on the sale');
  return lockCustomer(tx, sale.customerId);
}

async function lockCustomer(tx: TenantContext, customerId: string): Promise<Customer> {
  const customer = isUuid(customerId)
    ? await tx.em.findOne(
        Customer,
        { id: customerId, tenant: tx.tenantId },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
      )
    : null;
  if (!customer) throw notFound('Customer', customerId);
  return customer;
}

/** Store credit given without a sale (a return without a receipt): the customer's balance grows by `amount`. */
export async function addStoreCredit(tx: TenantContext, customerId: string, amount: Decimal): Promise<void> {
  const customer = await lockCustomer(tx, customerId);
  customer.storeCreditBalance = customer.storeCreditBalance.plus(amount);
}

/** Store credit: a customer's balance, drawn by payments and given back by voids and refunds; never below zero. */
export class StoreCreditTender implements Tender {
  readonly methods = [PaymentMethod.CREDIT];

  async pay(tx: TenantContext, { sale, payment }: PayRequest): Promise<void> {
    const customer = await lockCreditCustomer(tx, sale);
    if (customer.storeCreditBalance.lt(payment.amount)) {
      throw badInput('amount', `the customer's store credit is ${customer.storeCreditBalance.toFixed(2)}`);
    }
    customer.storeCreditBalance = customer.storeCreditBalance.minus(payment.amount);
  }

  async void(tx: TenantContext, sale: Sale, payments: readonly SalePayment[]): Promise<void> {
    const credit = sum(payments.map((p) => p.amount));
    if (credit.isZero() || !sale.customerId) return;
    await this.giveBack(tx, sale, credit);
  }

  async refund(tx: TenantContext, { sale, amount }: RefundRequest): Promise<RefundOutcome> {
    await this.giveBack(tx, sale, amount);
    return NOTHING_AT_A_GATEWAY;
  }

  private async giveBack(tx: TenantContext, sale: Sale, amount: Decimal): Promise<void> {
    if (!sale.customerId) throw badInput('method', 'store credit needs a customer on the sale');
    await addStoreCredit(tx, sale.customerId, amount);
  }
}
