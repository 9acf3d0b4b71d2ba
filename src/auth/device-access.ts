import type { RequestContext } from '../context';
import { forbidden, unauthenticated } from '../errors';
import { DeviceKind } from './actor';

/**
 * For operations devices may call (cartUpdated, hardwareCommands,
 * acknowledgeHardwareCommand): a device actor passes only for its own
 * terminal and its own kind, else FORBIDDEN. A user actor passes: their
 * permission was already checked by `@Authorized`.
 */
export function assertDeviceBoundTo(ctx: RequestContext, terminalId: string, kind: DeviceKind): void {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  if (actor.kind !== 'device') return;
  if (actor.deviceKind !== kind) throw forbidden(`A ${actor.deviceKind} device token cannot do this`);
  if (actor.terminalId !== terminalId) throw forbidden('A device token may only act for its own terminal');
}

/** The signed-in user's id; devices are refused (they never open, close or sign off anything). */
export function userIdOf(ctx: RequestContext): string {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  if (actor.kind !== 'user') throw forbidden('Only a signed-in user can do this');
  return actor.userId;
}
