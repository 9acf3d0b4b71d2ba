/*
 * GraphQL operations that suites in several folders send (catalogue, stock,
 * terminals, sessions, device tokens, customers). Defined once here; each
 * selects every field any suite reads, so a suite that needs less just
 * ignores the rest. Folder support files re-export what their suites use.
 */

export const CREATE_LOCATION = /* GraphQL */ `
  mutation CreateLocation($input: CreateLocationInput!) {
    createLocation(input: $input) {
      id
      name
      code
      timezone
      isActive
    }
  }
`;
export const PRODUCT_FIELDS = /* GraphQL */ `
  fragment ProductFields on Product {
    id
    sku
    barcode
    name
    category
    price
    costPrice
    taxRate
    attributes
    isActive
  }
`;
export const CREATE_PRODUCT = /* GraphQL */ `
  mutation CreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      ...ProductFields
    }
  }
  ${PRODUCT_FIELDS}
`;
export const RECEIVE_STOCK = /* GraphQL */ `
  mutation Receive($input: ReceiveStockInput!) {
    receiveStock(input: $input) {
      id
      productId
      locationId
      type
      quantity
      referenceType
      referenceId
      actorId
      unitCost
      costAmount
      createdAt
    }
  }
`;
export const STOCK_LEVELS = /* GraphQL */ `
  query Levels($locationId: ID!, $productIds: [ID!]) {
    stockLevels(locationId: $locationId, productIds: $productIds) {
      productId
      locationId
      onHand
      reserved
      available
    }
  }
`;
export const CREATE_CUSTOMER = /* GraphQL */ `
  mutation CreateCustomer($input: CreateCustomerInput!) {
    createCustomer(input: $input) {
      id
      name
      email
      phone
      storeCreditBalance
    }
  }
`;

const TERMINAL_FIELDS = /* GraphQL */ `
  fragment TerminalFields on Terminal {
    id
    name
    code
    isActive
    paymentReaderId
    locationId
    location {
      id
      code
    }
    createdAt
    updatedAt
  }
`;
export const CREATE_TERMINAL = /* GraphQL */ `
  mutation CreateTerminal($input: CreateTerminalInput!) {
    createTerminal(input: $input) {
      ...TerminalFields
    }
  }
  ${TERMINAL_FIELDS}
`;
export const UPDATE_TERMINAL = /* GraphQL */ `
  mutation UpdateTerminal($id: ID!, $input: UpdateTerminalInput!) {
    updateTerminal(id: $id, input: $input) {
      ...TerminalFields
    }
  }
  ${TERMINAL_FIELDS}
`;
export const TERMINAL = /* GraphQL */ `
  query Terminal($id: ID!) {
    terminal(id: $id) {
      ...TerminalFields
    }
  }
  ${TERMINAL_FIELDS}
`;

export const ISSUE_DEVICE_TOKEN = /* GraphQL */ `
  mutation IssueDeviceToken($input: IssueDeviceTokenInput!) {
    issueDeviceToken(input: $input) {
      id
      kind
      label
      token
      revokedAt
      terminal {
        id
      }
    }
  }
`;

export const SESSION_REPORT_FIELDS = /* GraphQL */ `
  fragment SessionReportFields on SessionReport {
    salesCount
    grossSales
    discounts
    tax
    netByPaymentMethod {
      method
      amount
    }
    refunds
    cashSales
    cashRefunds
    cashIn
    cashOut
    openingBalance
    expectedCash
    countedCash
    variance
  }
`;
export const SESSION_FIELDS = /* GraphQL */ `
  fragment SessionFields on Session {
    id
    sessionNumber
    status
    openingBalance
    closingBalance
    expectedBalance
    variance
    openedAt
    closedAt
    openingCount
    closingCount
    notes
    reconciled
    reconciledAt
    reconcileNotes
    terminal {
      id
    }
    openedBy {
      id
    }
    closedBy {
      id
    }
    reconciledBy {
      id
    }
  }
`;
export const OPEN_SESSION = /* GraphQL */ `
  mutation OpenSession($input: OpenSessionInput!) {
    openSession(input: $input) {
      ...SessionFields
    }
  }
  ${SESSION_FIELDS}
`;
/** Returns the Z report too (checkout's full flow reads it). */
export const CLOSE_SESSION = /* GraphQL */ `
  mutation CloseSession($input: CloseSessionInput!) {
    closeSession(input: $input) {
      ...SessionFields
      zReport {
        ...SessionReportFields
      }
    }
  }
  ${SESSION_FIELDS}
  ${SESSION_REPORT_FIELDS}
`;
export const RECORD_CASH_MOVEMENT = /* GraphQL */ `
  mutation RecordCashMovement($input: RecordCashMovementInput!) {
    recordCashMovement(input: $input) {
      id
      type
      amount
      reason
      createdAt
      sessionId
      performedBy {
        id
      }
    }
  }
`;
