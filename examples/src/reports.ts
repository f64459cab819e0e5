// Reports: a service that renders reports from its own database pool, refreshes the
// materialised views every minute and renders on 'report' jobs; and an audit log that writes
// through the pool the application gives it.
import { EventEmitter } from 'node:events';
import { Pool } from 'pg';

/** The process-wide job bus: lives as long as the process. */
export const jobs = new EventEmitter();

export class ReportService {
  readonly #pool = new Pool({ connectionString: process.env.REPORTS_URL, max: 2 });
  readonly #refresh = setInterval(() => void this.refreshViews(), 60_000); // leak: dispose-owned-fields
  #closed = false;

  constructor() {
    jobs.on('report', this.#onReport); // leak: dispose-owned-fields
  }

  readonly #onReport = (id: string): void => {
    void this.render(id);
  };

  async render(id: string): Promise<string> {
    const { rows } = await this.#pool.query<{ body: string }>('select body from reports where id = $1', [id]);
    return rows[0]?.body ?? '';
  }

  async refreshViews(): Promise<void> {
    await this.#pool.query('refresh materialized view concurrently report_totals');
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }

  [Symbol.dispose](): void {
    void this.close(); // leak: no-async-in-sync-dispose
  }
}

export class AuditLog {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  async record(actor: string, action: string): Promise<void> {
    await this.#pool.query('insert into audit(actor, action) values ($1, $2)', [actor, action]);
  }

  async close(): Promise<void> {
    await this.#pool.end(); // leak: no-dispose-injected
  }
}
