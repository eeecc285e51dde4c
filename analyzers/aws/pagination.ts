// Bounds every pagination chain of the aws analyzer: a token seen before, or more pages than the cap, stops the
// chain with one warning naming the region and what was listed; the pages already read are kept.
import type { Diagnostic } from '../../src/model/schema.js';

/** Pages per chain: 10,000 Tagging pages of 100 is a million resources in one region. */
export const DEFAULT_MAX_PAGES = 10_000;

export type PageStop = 'repeated-token' | 'page-cap';

/**
 * Tracks one chain's tokens. `next(token)` says whether to ask for the page `token` names.
 * @example
 * const bound = new PageBound(options.maxPages);
 * do { …; token = out.NextToken || undefined; } while (token && bound.next(token) === undefined);
 */
export class PageBound {
  private readonly seen = new Set<string>();
  pages = 1;
  stopped: PageStop | undefined;

  constructor(readonly maxPages: number = DEFAULT_MAX_PAGES) {}

  next(token: string): PageStop | undefined {
    if (this.seen.has(token)) this.stopped = 'repeated-token';
    else if (this.pages >= this.maxPages) this.stopped = 'page-cap';
    else {
      this.seen.add(token);
      this.pages++;
    }
    return this.stopped;
  }

  /** The one warning for a stopped chain, or undefined when it ended by itself. */
  warning(where: string, what: string, kept: number): Diagnostic | undefined {
    if (!this.stopped) return undefined;
    const why =
      this.stopped === 'repeated-token'
        ? 'the service returned a pagination token it had already returned'
        : `it reached the cap of ${this.maxPages} pages`;
    return {
      severity: 'warning',
      code: 'aws-pagination-stopped',
      analyzer: 'aws',
      message: `${where}: ${what} stopped after ${this.pages} page(s) because ${why}; kept the ${kept} item(s) read`,
      hint:
        this.stopped === 'page-cap'
          ? 'raise the cap with --max-pages if the account really holds that many'
          : 'the service paginated in a loop; scan again later',
    };
  }
}
