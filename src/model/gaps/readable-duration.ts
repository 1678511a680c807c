/**
 * A gap's length the way an analyst reads it: seconds up to two minutes, then minutes up to two
 * hours, then hours up to two days, then days (`45.0 s`, `23.0 min`, `5.2 h`, `14.3 days`).
 * A silence of two weeks printed as `20598.1 min` hides its size.
 *
 * @internal
 */
export function readableDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 120) return `${s.toFixed(1)} s`;
  const minutes = s / 60;
  if (minutes < 120) return `${minutes.toFixed(1)} min`;
  const hours = minutes / 60;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} days`;
}
