/**
 * A user's current standing, read on every authenticated request: raw SQL
 * because no tenant filter is bound yet at that point.
 */
export const USER_STANDING =
  'select roles, is_active, token_version from users where id = :user and tenant_id = :tenant';
