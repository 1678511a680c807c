/**
 * Peak resident memory of the current process: `process.memoryUsage.rss()` sampled on an
 * interval, and the kernel's `resourceUsage().maxRSS` at the end (the larger wins).
 */

/** A running sampler. */
export interface RssSampler {
  /** Takes a sample now (call it at phase boundaries too). */
  sample(): void;
  /** Stops sampling and returns the peaks, in bytes. */
  stop(): RssPeaks;
}

/** Peaks observed by a sampler. */
export interface RssPeaks {
  /** Largest sampled `memoryUsage.rss()`. */
  readonly sampledBytes: number;
  /** `resourceUsage().maxRSS`, converted from KiB. */
  readonly maxRssBytes: number;
  /** The larger of the two. */
  readonly peakBytes: number;
  /** Number of samples taken. */
  readonly samples: number;
}

/**
 * Starts sampling RSS every `intervalMs`.
 *
 * @param intervalMs - sampling period
 * @returns the sampler
 * @example
 * ```ts
 * const rss = startRssSampler(20);
 * // ... work ...
 * rss.stop().peakBytes;
 * ```
 */
export function startRssSampler(intervalMs: number): RssSampler {
  let peak = 0;
  let samples = 0;
  const sample = (): void => {
    const rss = process.memoryUsage.rss();
    samples++;
    if (rss > peak) peak = rss;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    sample,
    stop() {
      clearInterval(timer);
      sample();
      const maxRssBytes = process.resourceUsage().maxRSS * 1024;
      return { sampledBytes: peak, maxRssBytes, peakBytes: Math.max(peak, maxRssBytes), samples };
    },
  };
}
