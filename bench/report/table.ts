/**
 * Plain-text tables for the terminal.
 */
import type { Row } from './summarize.js';

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const x = (r: number | undefined): string => (r === undefined ? '-' : `${r.toFixed(2)}x`);

function rate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k/s`;
  return `${perSecond.toFixed(0)} /s`;
}

/**
 * Renders rows as an aligned table.
 *
 * @param header - column titles
 * @param rows - cells (same length as header)
 * @returns the table text
 * @example
 * ```ts
 * formatTable(['a', 'b'], [['1', '2']]);
 * ```
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * The timing table of one corpus size: wall and CPU medians, and each measurement's ratio to
 * its own floor (same reader, no parsing) and to the raw stream floor, in both clocks, peak
 * RSS, and the heap after a full GC at the end of the input (analysis rows: the state the
 * analyzer holds). The targets are judged on the CPU ratio.
 *
 * @param rows - summarized measurements
 * @returns the table text
 * @example
 * ```ts
 * console.log(timingTable(rows));
 * ```
 */
export function timingTable(rows: readonly Row[]): string {
  const idle = rows.find((r) => r.ok && r.id === 'idle');
  const idleRss = idle?.ok ? idle.peakRssBytes : undefined;
  const overIdle = (bytes: number): string =>
    idleRss === undefined ? '-' : `${bytes >= idleRss ? '+' : ''}${mib(bytes - idleRss)}`;
  const body = rows.map((r): string[] => {
    if (!r.ok) return [r.label, 'n/a', '', '', '', '', '', '', '', '', '', ''];
    if (r.id === 'idle') {
      return [r.label, '-', '-', '-', '-', '-', '-', '-', '-', mib(r.peakRssBytes), '', '-'];
    }
    const heap = r.detail?.retainedHeapBytes;
    return [
      r.label,
      `${(r.medianMs / 1000).toFixed(3)} s`,
      `${(r.medianCpuMs / 1000).toFixed(3)} s`,
      rate(r.linesPerSecond),
      `${r.mibPerSecond.toFixed(1)}`,
      r.ownFloor === undefined ? '-' : r.ownFloor.replace(/^floor-/, ''),
      x(r.vsOwnFloor?.cpu),
      x(r.vsOwnFloor?.wall),
      x(r.vsRaw?.cpu),
      mib(r.peakRssBytes),
      overIdle(r.peakRssBytes),
      typeof heap === 'number' ? mib(heap) : '-',
    ];
  });
  return formatTable(
    [
      'measurement',
      'wall',
      'cpu',
      'lines/s',
      'MiB/s',
      'floor',
      'x floor cpu',
      'x floor wall',
      'x raw cpu',
      'peak RSS',
      'over idle',
      'heap after GC',
    ],
    body,
  );
}
