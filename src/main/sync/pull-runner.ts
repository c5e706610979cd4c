import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';
import { describeError } from './describe-error';
import type { PullSource } from './destination';

export interface PullResult {
  source: string;
  pages: number;
  fetched: number;
  upserted: number;
  /** Why the pull stopped early; rows and cursor of every page before it are saved. */
  error: string | null;
}

export interface PullRunOptions<T> {
  signal: AbortSignal;
  /** Writes one page's rows; runs inside the transaction that also saves the page's cursor. */
  apply: (items: T[]) => number;
  onPage?: (progress: { fetched: number; upserted: number; hasMore: boolean; pageSize: number }) => void;
  /** Stops a source that never says it is done (a bug at the other end must not loop forever). */
  maxPages?: number;
}

/**
 * Incremental pulls with a saved cursor per source. Each page's upserts and the cursor that follows
 * it commit in one short transaction, so a pull that dies anywhere resumes at the first page that
 * was not saved: nothing lost, nothing applied twice, and clerks' scans interleave between pages.
 */
export class PullRunner {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  cursor(source: string): string | null {
    return (
      this.db
        .prepare<[string], { cursor: string | null }>('SELECT cursor FROM sync_cursors WHERE source = ?')
        .get(source)?.cursor ?? null
    );
  }

  async run<T>(source: PullSource<T>, options: PullRunOptions<T>): Promise<PullResult> {
    const result: PullResult = { source: source.name, pages: 0, fetched: 0, upserted: 0, error: null };
    const save = this.db.prepare(
      `INSERT INTO sync_cursors (source, cursor, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
    );
    const maxPages = options.maxPages ?? 10_000;
    try {
      let cursor = this.cursor(source.name);
      for (;;) {
        options.signal.throwIfAborted();
        const page = await source.pull(cursor, options.signal);
        // Cancelled while the page was in the air: drop it, the saved cursor fetches it again.
        options.signal.throwIfAborted();
        // Waits (off the event loop) while another process holds the write lock; DB_LOCKED after
        // the write budget ends this pull with every earlier page saved.
        const upserted = await writeTransaction(this.db, () => {
          const n = page.items.length > 0 ? options.apply(page.items) : 0;
          save.run(source.name, page.nextCursor, this.clock.now());
          return n;
        });
        result.pages++;
        result.fetched += page.items.length;
        result.upserted += upserted;
        options.onPage?.({
          fetched: result.fetched,
          upserted: result.upserted,
          hasMore: page.hasMore,
          pageSize: page.items.length,
        });
        if (!page.hasMore) break;
        if (page.nextCursor === null) throw new Error('the source said there was more but gave no cursor');
        if (page.nextCursor === cursor) {
          throw new Error(
            `the source returned the same cursor again (${String(cursor)}) and said there was more`,
          );
        }
        if (result.pages >= maxPages)
          throw new Error(`stopped after ${maxPages} pages; the rest comes next time`);
        cursor = page.nextCursor;
      }
    } catch (err) {
      result.error = describeError(err);
    }
    return result;
  }
}
