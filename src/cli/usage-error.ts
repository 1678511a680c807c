/** An error whose message is shown to the user as one line, with exit code 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
