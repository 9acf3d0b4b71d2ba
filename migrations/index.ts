import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261201203018 } from './Migration20261201203018';
import { Migration20261201203002 } from './Migration20261201203002';
import { Migration20261201204638 } from './Migration20261201204638';
import { Migration20261201202851 } from './Migration20261201202851';
import { Migration20261201213000 } from './Migration20261201213000';
import { Migration20261201210051 } from './Migration20261201210051';
import { Migration20261201203052 } from './Migration20261201203052';
import { Migration20261201214500 } from './Migration20261201214500';
import { Migration20261202010000 } from './Migration20261202010000';
import { Migration20261202012000 } from './Migration20261202012000';
import { Migration20261124201650 } from './Migration20261124201650';
import { Migration20261124201417 } from './Migration20261124201417';
import { Migration20261124201316 } from './Migration20261124201316';
import { Migration20261124201233 } from './Migration20261124201233';
import { Migration20261124200238 } from './Migration20261124200238';
import { Migration20261124195941 } from './Migration20261124195941';
import { Migration20261124195539 } from './Migration20261124195539';
import { Migration20261124195503 } from './Migration20261124195503';
import { Migration20261124195041 } from './Migration20261124195041';
import { Migration20261124194813 } from './Migration20261124194813';

/** Applied in this order; `npm run migration:new` appends new ones here. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261124194813', class: Migration20261124194813 },
  { name: 'Migration20261124195041', class: Migration20261124195041 },
  { name: 'Migration20261124195503', class: Migration20261124195503 },
  { name: 'Migration20261124195539', class: Migration20261124195539 },
  { name: 'Migration20261124195941', class: Migration20261124195941 },
  { name: 'Migration20261124200238', class: Migration20261124200238 },
  { name: 'Migration20261124201233', class: Migration20261124201233 },
  { name: 'Migration20261124201316', class: Migration20261124201316 },
  { name: 'Migration20261124201417', class: Migration20261124201417 },
  { name: 'Migration20261124201650', class: Migration20261124201650 },
  { name: 'Migration20261201203018', class: Migration20261201203018 },
  { name: 'Migration20261201203002', class: Migration20261201203002 },
  { name: 'Migration20261201202851', class: Migration20261201202851 },
  { name: 'Migration20261201204638', class: Migration20261201204638 },
  { name: 'Migration20261201203052', class: Migration20261201203052 },
  { name: 'Migration20261201210051', class: Migration20261201210051 },
  { name: 'Migration20261201213000', class: Migration20261201213000 },
  { name: 'Migration20261201214500', class: Migration20261201214500 },
  { name: 'Migration20261202010000', class: Migration20261202010000 },
  { name: 'Migration20261202012000', class: Migration20261202012000 },
];
