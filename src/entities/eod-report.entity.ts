import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Location } from './location.entity';
import { TenantOwned, TenantScoped } from './tenant-scoped';

/**
 * The end-of-day report of one location's local day, kept as sent: the row
 * (locked while sending) is what makes `generate-eod-report` send once.
 */
@Entity({ tableName: 'eod_reports' })
@TenantScoped()
@Unique({ name: 'eod_reports_tenant_location_date_unique', properties: ['tenant', 'locationId', 'date'] })
export class EodReport extends TenantOwned {
  @ManyToOne(() => Location, { mapToPk: true, fieldName: 'location_id' })
  locationId!: string;

  /** The local date (YYYY-MM-DD) reported on. */
  @Property({ type: 'date' })
  date!: string;

  /** The report as sent (summary and per-terminal session figures). */
  @Property({ type: 'json', nullable: true })
  report?: Record<string, unknown> | null;

  @Property({ type: 'text[]', nullable: true })
  recipients?: string[] | null;

  @Property({ type: 'timestamptz', nullable: true })
  sentAt?: Date | null;
}
