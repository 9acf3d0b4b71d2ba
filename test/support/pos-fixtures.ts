import { randomBytes } from 'node:crypto';
import { registerTenant, TenantFixture, userWithRole } from './fixtures';
import {
  CREATE_LOCATION,
  CREATE_PRODUCT,
  CREATE_TERMINAL,
  OPEN_SESSION,
  RECEIVE_STOCK,
  STOCK_LEVELS,
} from './operations';
import { TestApp } from './test-app';

/*
 * A ready register for cart and checkout tests, set up through the public
 * API only: tenant, location, products with stock, a terminal with an OPEN
 * session, and a cashier. Plus the cart operations, so suites share them
 * (the catalogue, stock and session operations are in ./operations).
 */

export const CART_FIELDS = /* GraphQL */ `
  fragment CartFields on Cart {
    id
    status
    version
    subtotal
    discountAmount
    taxAmount
    totalAmount
    paidAmount
    changeAmount
    roundingAdjustment
    amountDue
    discountType
    discountValue
    discountReason
    parkedAt
    expiresAt
    items {
      id
      productId
      productName
      productSku
      quantity
      unitPrice
      discountType
      discountValue
      discountAmount
      taxRate
      taxAmount
      lineTotal
    }
    customer {
      id
    }
    terminal {
      id
    }
  }
`;
export const CREATE_CART = /* GraphQL */ `
  mutation CreateCart($input: CreateCartInput!) {
    createCart(input: $input) {
      ...CartFields
    }
  }
  ${CART_FIELDS}
`;
export const ADD_CART_ITEM = /* GraphQL */ `
  mutation AddCartItem($input: AddCartItemInput!) {
    addCartItem(input: $input) {
      ...CartFields
    }
  }
  ${CART_FIELDS}
`;
export const UPDATE_CART_ITEM = /* GraphQL */ `
  mutation UpdateCartItem($input: UpdateCartItemInput!) {
    updateCartItem(input: $input) {
      ...CartFields
    }
  }
  ${CART_FIELDS}
`;
export const REMOVE_CART_ITEM = /* GraphQL */ `
  mutation RemoveCartItem($input: RemoveCartItemInput!) {
    removeCartItem(input: $input) {
      ...CartFields
    }
  }
  ${CART_FIELDS}
`;
export const APPLY_ITEM_DISCOUNT = /* GraphQL */ `
  mutation ApplyItemDiscount($input: ApplyItemDiscountInput!) {
    applyItemDiscount(input: $input) {
      ...CartFields
    }
  }
  ${CART_FIELDS}
`;
export const APPLY_CART_DISCOUNT = /* GraphQL */ `
  mutation ApplyCartDiscount($input: ApplyCartDiscountInput!) {
    applyCartDiscount(input: $input) {
      ...CartFields
    }
  }
  ${CART_FIELDS}
`;
export const SET_CART_CUSTOMER = /* GraphQL */ `
  mutation SetCartCustomer($input: SetCartCustomerInput!) {
    setCartCustomer(input: $input) {
      ...CartFields
    }
  }
  ${CART_FIELDS}
`;
export const PARK_CART = /* GraphQL */ `
  mutation ParkCart($input: ParkCartInput!) {
    parkCart(input: $input) {
      ...CartFields
    }
  }
  ${CART_FIELDS}
`;
export const RESUME_CART = /* GraphQL */ `
  mutation ResumeCart($input: ResumeCartInput!) {
    resumeCart(input: $input) {
      ...CartFields
    }
  }
  ${CART_FIELDS}
`;
export const CLEAR_CART = /* GraphQL */ `
  mutation ClearCart($input: ClearCartInput!) {
    clearCart(input: $input)
  }
`;
export const CART = /* GraphQL */ `
  query Cart($id: ID!) {
    cart(id: $id) {
      ...CartFields
    }
  }
  ${CART_FIELDS}
`;
export const PARKED_CARTS = /* GraphQL */ `
  query ParkedCarts($terminalId: ID, $locationId: ID) {
    parkedCarts(terminalId: $terminalId, locationId: $locationId) {
      ...CartFields
    }
  }
  ${CART_FIELDS}
`;

export interface ProductSpec {
  sku: string;
  name?: string;
  price: string;
  taxRate?: string;
  barcode?: string;
  attributes?: Record<string, unknown>;
  /** Units received at the fixture's location (default 100); 0 receives none. */
  stock?: number;
}

export interface PosProduct {
  id: string;
  sku: string;
  barcode: string | null;
}

export interface Register {
  terminalId: string;
  terminalCode: string;
  sessionId: string | null;
}

export interface PosFixture extends Register {
  tenant: TenantFixture;
  ownerToken: string;
  cashier: { id: string; token: string };
  locationId: string;
  products: Record<string, PosProduct>;
}

/**
 * Registers a tenant (overrides go to registerTenant: currency,
 * pricesIncludeTax, ...) with one location, the given products received
 * there, one terminal with an OPEN session and a CASHIER signed in.
 */
export async function setupPos(
  t: TestApp,
  options: { tenant?: Record<string, unknown>; products?: ProductSpec[] } = {},
): Promise<PosFixture> {
  const tenant = await registerTenant(t, options.tenant);
  const ownerToken = tenant.ownerToken;
  const location = await t.ok(CREATE_LOCATION, { input: { name: 'Main store', code: 'MAIN' } }, ownerToken);
  const locationId = location.createLocation.id as string;
  const products: Record<string, PosProduct> = {};
  for (const spec of options.products ?? []) {
    const created = await t.ok(
      CREATE_PRODUCT,
      {
        input: {
          sku: spec.sku,
          name: spec.name ?? spec.sku,
          price: spec.price,
          taxRate: spec.taxRate ?? '0',
          barcode: spec.barcode ?? null,
          attributes: spec.attributes ?? null,
        },
      },
      ownerToken,
    );
    const product = created.createProduct;
    products[spec.sku] = { id: product.id, sku: product.sku, barcode: product.barcode };
    const units = spec.stock ?? 100;
    if (units > 0) {
      await t.ok(
        RECEIVE_STOCK,
        { input: { locationId, lines: [{ productId: product.id, quantity: units, unitCost: '1.00' }] } },
        ownerToken,
      );
    }
  }
  const register = await addRegister(t, ownerToken, locationId);
  const cashier = await userWithRole(t, tenant, 'CASHIER');
  return { tenant, ownerToken, cashier: { id: cashier.id, token: cashier.token }, locationId, products, ...register };
}

/** Another terminal at the location, with an OPEN session unless `open: false`. */
export async function addRegister(
  t: TestApp,
  ownerToken: string,
  locationId: string,
  options: { open?: boolean } = {},
): Promise<Register> {
  const code = `T${randomBytes(3).toString('hex').toUpperCase()}`;
  const terminal = await t.ok(CREATE_TERMINAL, { input: { name: `Register ${code}`, code, locationId } }, ownerToken);
  const terminalId = terminal.createTerminal.id as string;
  if (options.open === false) return { terminalId, terminalCode: code, sessionId: null };
  const session = await t.ok(OPEN_SESSION, { input: { terminalId, openingBalance: '100.00' } }, ownerToken);
  return { terminalId, terminalCode: code, sessionId: session.openSession.id as string };
}

/** The product's stock at the location: { onHand, reserved, available }. */
export async function stockOf(t: TestApp, token: string, locationId: string, productId: string) {
  const data = await t.ok(STOCK_LEVELS, { locationId, productIds: [productId] }, token);
  const { onHand, reserved, available } = data.stockLevels[0];
  return { onHand, reserved, available } as { onHand: number; reserved: number; available: number };
}

/** A new cart on the fixture's terminal, by its cashier. */
export async function newCart(t: TestApp, fx: PosFixture, input: Record<string, unknown> = {}) {
  const data = await t.ok(CREATE_CART, { input: { terminalId: fx.terminalId, ...input } }, fx.cashier.token);
  return data.createCart;
}

/** Adds `quantity` of the product (by sku key of the fixture) and returns the cart. */
export async function addItem(
  t: TestApp,
  fx: PosFixture,
  cartId: string,
  sku: string,
  quantity: number,
  token = fx.cashier.token,
) {
  const data = await t.ok(ADD_CART_ITEM, { input: { cartId, productId: fx.products[sku].id, quantity } }, token);
  return data.addCartItem;
}
