import type { MessageContext } from '../../src/parsers/outcome.js';

/** A message context for unit tests of message parsers. */
export function context(overrides: Partial<MessageContext> = {}): MessageContext {
  return {
    time: Date.UTC(2024, 5, 1, 12, 0, 0),
    timeBasis: { year: 'line', zone: 'line' },
    host: 'host1',
    program: 'sshd',
    pid: 1234,
    repeat: 1,
    source: { source: 'test.log', line: 1, text: '' },
    ...overrides,
  };
}
