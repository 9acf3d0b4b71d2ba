import { Tenant, User } from '../../entities';
import type { AppServices } from '../app-services';
import { DEMO } from './demo-seed';

/** Whether the demo owner can sign in here: the banner offers the demo login only then. */
export async function demoLoginExists(services: AppServices): Promise<boolean> {
  const em = services.orm.em.fork();
  const tenant = await em.findOne(Tenant, { slug: DEMO.tenantSlug });
  if (!tenant) return false;
  return (await em.count(User, { tenant, email: DEMO.email }, { filters: false })) > 0;
}
