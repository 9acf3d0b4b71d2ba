import { MikroORM } from '@mikro-orm/postgresql';
import { TokenSigner } from '../auth/tokens';
import { AppConfig } from '../config';
import type { Logger } from '../logger';
import { JobQueue } from '../jobs/job-queue';
import { AuthService } from './auth.service';
import { EventBus } from './event-bus';
import { TenantService } from './tenant.service';

/**
 * The process-wide singletons services are built from. Created once at
 * start-up; request state never lives here.
 */
export function createServices(deps: { orm: MikroORM; config: AppConfig; log: Logger; events: EventBus; jobs: JobQueue }) {
  const signer = new TokenSigner(deps.config.jwtSecret);
  const auth = new AuthService(signer);
  const tenants = new TenantService(auth);
  return { ...deps, auth, tenants };
}

export type AppServices = ReturnType<typeof createServices>;
