/**
 * Staff display names for records that name who acted. Staff names are not residents' personal data
 * (they are shown unmasked, as on a grid event's reporter); the log-in stays available beside them.
 */
export interface StaffNames {
  byId: ReadonlyMap<string, string>;
  byUsername: ReadonlyMap<string, string>;
}

/**
 * Pure: the display name of who acted — by user id first, then by the recorded user name; the
 * recorded label itself when the account is gone (or the actor was the system).
 */
export function staffName(names: StaffNames, who: { id?: string | null; username: string }): string {
  return (who.id ? names.byId.get(who.id) : undefined) ?? names.byUsername.get(who.username) ?? who.username;
}
