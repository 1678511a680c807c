import type { Provenance } from '../../events/provenance.js';
import type { SshdMarkers } from '../../events/ssh.js';
import type { EnvelopeScratch } from '../syslog/envelope.js';

/**
 * What a hot path reads, in one record reused for every line (so a hot line allocates only
 * the strings and objects its event keeps): the line, its scanned envelope, the fields every
 * event copies and, for sshd lines, the markers and the body range they leave.
 *
 * @internal
 */
export interface HotContext {
  text: string;
  envelope: EnvelopeScratch;
  /** The envelope's host, or the parser's default host. */
  host: string | undefined;
  source: Provenance;
  prefix: SshdMarkers['prefix'];
  preauth: boolean;
  /** The sshd body: `text.slice(bodyStart, bodyEnd)`. */
  bodyStart: number;
  bodyEnd: number;
  /** The canonical IP of the last peer token read (see peerTokenEnd). */
  ip: string | undefined;
  /** The port of the last port token read (see peerPortEnd). */
  port: number | undefined;
}

/** A fresh hot context. @internal */
export function hotContext(envelope: EnvelopeScratch): HotContext {
  return {
    text: '',
    envelope,
    host: undefined,
    source: { source: '', line: 0, text: '' },
    prefix: undefined,
    preauth: false,
    bodyStart: 0,
    bodyEnd: 0,
    ip: undefined,
    port: undefined,
  };
}
