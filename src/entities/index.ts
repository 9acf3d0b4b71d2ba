import { Location } from './location.entity';
import { Tenant } from './tenant.entity';
import { User } from './user.entity';

/** Every entity the ORM knows; new tables are added here. */
export const ENTITIES = [Tenant, User, Location];

export { Location, Tenant, User };
