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
