import { randomUUID } from 'node:crypto';
import { addItem, newCart, PosFixture } from '../support/pos-fixtures';
import { TestApp } from '../support/test-app';

/* The checkout operations and small helpers the checkout suites share (session and stock operations: ../support/operations). */

export const SALE_FIELDS = /* GraphQL */ `
  fragment SaleFields on Sale {
    id
    status
    version
    saleNumber
    subtotal
    discountAmount
    taxAmount
    totalAmount
    paidAmount
    changeAmount
    roundingAdjustment
    amountDue
    paymentMethod
    completedAt
    voidedAt
    voidReason
    items {
      id
      productId
      productName
      quantity
      unitPrice
      discountAmount
      taxRate
      taxAmount
      lineTotal
      unitCost
      costAmount
    }
    payments {
      id
      method
      amount
      status
      receivedAmount
      changeGiven
      transactionRef
      reference
      failureReason
    }
    refunds {
      id
      refundNumber
      amount
    }
    customer {
      id
    }
    terminal {
      id
    }
    cashier {
      id
    }
    session {
      id
    }
  }
`;
export const ADD_PAYMENT = /* GraphQL */ `
  mutation AddPayment($input: AddPaymentInput!) {
    addPayment(input: $input) {
      changeDue
      payment {
        id
        method
        amount
        status
        receivedAmount
        changeGiven
        transactionRef
      }
      sale {
        ...SaleFields
      }
    }
  }
  ${SALE_FIELDS}
`;
export const COMPLETE_SALE = /* GraphQL */ `
  mutation CompleteSale($input: CompleteSaleInput!) {
    completeSale(input: $input) {
      ...SaleFields
    }
  }
  ${SALE_FIELDS}
`;
export const VOID_SALE = /* GraphQL */ `
  mutation VoidSale($input: VoidSaleInput!) {
    voidSale(input: $input) {
      ...SaleFields
    }
  }
  ${SALE_FIELDS}
`;
export const SALE = /* GraphQL */ `
  query Sale($id: ID!) {
    sale(id: $id) {
      ...SaleFields
    }
  }
  ${SALE_FIELDS}
`;
export const SALES = /* GraphQL */ `
  query Sales($filter: SaleFilter, $first: Int, $after: String) {
    sales(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          saleNumber
          status
          items {
            id
          }
        }
      }
    }
  }
`;
export const CREATE_REFUND = /* GraphQL */ `
  mutation CreateRefund($input: CreateRefundInput!) {
    createRefund(input: $input) {
      id
      refundNumber
      amount
      method
      status
      reason
      transactionRef
      items {
        saleItemId
        quantity
        amount
        returnToStock
      }
      sale {
        id
        status
      }
      session {
        id
      }
    }
  }
`;
export const REFUND = /* GraphQL */ `
  query Refund($id: ID!) {
    refund(id: $id) {
      id
      refundNumber
      amount
      method
    }
  }
`;
export const RECEIPT = /* GraphQL */ `
  query Receipt($saleId: ID!) {
    receipt(saleId: $saleId) {
      saleNumber
      terminalCode
      cashierName
      status
      totalAmount
      changeAmount
      roundingAdjustment
      header {
        tenantName
        locationName
        locationCode
      }
      lines {
        name
        quantity
        unitPrice
        grossAmount
        discountAmount
        lineTotal
        taxRate
      }
      taxBreakdown {
        rate
        taxableAmount
        taxAmount
      }
      payments {
        method
        amount
        receivedAmount
        changeGiven
        reference
      }
      refunds {
        refundNumber
        amount
        method
      }
      text
    }
  }
`;
export const SEND_RECEIPT_EMAIL = /* GraphQL */ `
  mutation SendReceiptEmail($input: SendReceiptEmailInput!) {
    sendReceiptEmail(input: $input)
  }
`;

export const APPROVED_CARD = '4242424242424242';
export const DECLINED_CARD = '4000000000000002';

export function pay(t: TestApp, token: string, input: Record<string, unknown>) {
  return t.gql(ADD_PAYMENT, { input: { idempotencyKey: randomUUID(), ...input } }, token);
}

export async function payOk(t: TestApp, token: string, input: Record<string, unknown>) {
  const res = await pay(t, token, input);
  if (res.errors?.length) throw new Error(`addPayment: ${JSON.stringify(res.errors)}`);
  return res.data!.addPayment;
}

export async function complete(t: TestApp, token: string, saleId: string, idempotencyKey: string = randomUUID()) {
  const data = await t.ok(COMPLETE_SALE, { input: { saleId, idempotencyKey } }, token);
  return data.completeSale;
}

/** A cart of `lines` (sku -> quantity) on the fixture's register, paid in cash and completed. */
export async function cashSale(t: TestApp, fx: PosFixture, lines: Record<string, number>) {
  const cart = await newCart(t, fx);
  for (const [sku, quantity] of Object.entries(lines)) await addItem(t, fx, cart.id, sku, quantity);
  await payOk(t, fx.cashier.token, { saleId: cart.id, method: 'CASH' });
  return complete(t, fx.cashier.token, cart.id);
}
