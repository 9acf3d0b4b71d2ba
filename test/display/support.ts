import { TestApp } from '../support/test-app';
import { ISSUE_DEVICE_TOKEN } from '../support/operations';
import { Collected } from '../support/subscriptions';

export const CART_UPDATED = /* GraphQL */ `
  subscription CartUpdated($terminalId: ID!) {
    cartUpdated(terminalId: $terminalId) {
      terminalId
      cartId
      event
      status
      version
      currency
      storeName
      pricesIncludeTax
      items {
        name
        quantity
        unitPrice
        discountAmount
        amount
        lineTotal
      }
      subtotal
      discountAmount
      taxAmount
      totalAmount
      paidAmount
      amountDue
      changeDue
      roundingAdjustment
    }
  }
`;

export const HARDWARE_COMMANDS = /* GraphQL */ `
  subscription HardwareCommands($terminalId: ID!) {
    hardwareCommands(terminalId: $terminalId) {
      id
      kind
      payload
      status
      attempts
      createdAt
      terminalId
      saleId
    }
  }
`;

export const OPEN_CASH_DRAWER = /* GraphQL */ `
  mutation OpenCashDrawer($input: OpenCashDrawerInput!) {
    openCashDrawer(input: $input) {
      id
      kind
      payload
      status
      attempts
      terminalId
      createdAt
    }
  }
`;

export const ACK_COMMAND = /* GraphQL */ `
  mutation AckCommand($input: AcknowledgeHardwareCommandInput!) {
    acknowledgeHardwareCommand(input: $input) {
      id
      status
      lastError
      completedAt
      attempts
    }
  }
`;

export async function deviceToken(
  t: TestApp,
  ownerToken: string,
  terminalId: string,
  kind: 'DISPLAY' | 'HARDWARE_AGENT',
) {
  const data = await t.ok(ISSUE_DEVICE_TOKEN, { input: { terminalId, kind } }, ownerToken);
  return data.issueDeviceToken.token as string;
}

/**
 * Repeats `change` until the subscription hears an event matching `match`
 * (graphql-ws gives no "subscribed" signal, so the first change may come
 * before the server registered the subscription).
 */
export async function changeUntilHeard<T>(
  sub: Collected<T>,
  change: (attempt: number) => Promise<unknown>,
  match: (value: T) => boolean,
  attempts = 30,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    await change(attempt);
    try {
      return await sub.waitFor(match, 300);
    } catch (error) {
      if (sub.errors.length > 0 || attempt >= attempts) throw error;
    }
  }
}
