import { Role } from '../entities/enums';

export type DeviceKind = 'DISPLAY' | 'HARDWARE_AGENT';

/** Who is calling: a signed-in person, or a device bound to one terminal. */
export type Actor =
  | { kind: 'user'; userId: string; roles: Role[] }
  | { kind: 'device'; tokenId: string; terminalId: string; deviceKind: DeviceKind };

/** The id recorded as "who did it" in audit rows: the user, or the device token. */
export function actorId(actor: Actor): string {
  return actor.kind === 'user' ? actor.userId : actor.tokenId;
}
