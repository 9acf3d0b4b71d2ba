import { registerEnumType } from 'type-graphql';
import { CostingMethod, Role, RoundingMode } from '../entities/enums';

registerEnumType(CostingMethod, { name: 'CostingMethod', description: 'How cost of goods is taken from stock layers' });
registerEnumType(RoundingMode, { name: 'RoundingMode' });
registerEnumType(Role, { name: 'Role' });

export { CostingMethod, Role, RoundingMode };
