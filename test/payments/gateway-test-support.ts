import { addItem, newCart, PosFixture } from '../support/pos-fixtures';
import { TestApp } from '../support/test-app';

export const CONFIGURE_GATEWAY = /* GraphQL */ `
  mutation ConfigurePaymentGateway($input: ConfigurePaymentGatewayInput!) {
    configurePaymentGateway(input: $input) {
      id
      paymentGateway
      walletPaymentGateway
    }
  }
`;

export const GATEWAY_ACCOUNTS = /* GraphQL */ `
  query PaymentGatewayAccounts {
    paymentGatewayAccounts {
      provider
      readerId
      locationId
      hasCredentials
      updatedAt
    }
  }
`;

/** The sale's one payment row as written (amounts as text). */
export async function paymentRow(t: TestApp, saleId: string) {
  const [row] = await t.sql(
    `select status, failure_reason, gateway, amount::text as amount, transaction_ref, gateway_response
     from sale_payments where sale_id = ? order by created_at desc limit 1`,
    [saleId],
  );
  return row;
}

/** A cart on the fixture's register holding `tens` of its TEN product. */
export async function cartOfTens(t: TestApp, fx: PosFixture, tens: number) {
  const cart = await newCart(t, fx);
  await addItem(t, fx, cart.id, 'TEN', tens);
  return cart;
}

/** The tenant's stored account row at a provider, exactly as in the database. */
export async function encryptedRow(t: TestApp, provider: string): Promise<{ encrypted_credentials: string }> {
  const [row] = await t.sql<{ encrypted_credentials: string }>(
    'select encrypted_credentials from payment_gateway_accounts where provider = ?',
    [provider],
  );
  return row;
}
