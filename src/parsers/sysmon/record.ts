/**
 * One Sysmon event, whatever its transport (syslog XML or collector JSON): the `System`
 * fields sshtrail uses and the `EventData` values by name, entities decoded.
 *
 * @internal
 */
export interface SysmonRecord {
  /** `EventID`, or `undefined` when absent or not a number. */
  readonly eventId: number | undefined;
  /** `EventRecordID`. */
  readonly recordId: number | undefined;
  /** `Computer` (the host name). */
  readonly computer: string | undefined;
  /** `TimeCreated/@SystemTime` as logged. */
  readonly systemTime: string | undefined;
  /** `EventData` values by `Name`. */
  readonly data: ReadonlyMap<string, string>;
  /** False when the XML was cut before `</EventData>` (syslog size limits). */
  readonly complete: boolean;
}
