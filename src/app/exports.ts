/**
 * Downloads of private data (snapshot files, reports and briefs, live tables, audit trails, the API's documents)
 * are audited as `export.download`, once the download has been answered: a refused or failed request records
 * nothing. A snapshot's downloads name the snapshot, the others the assessment (or `audit` for the account log),
 * so each shows in the audit trail it belongs to.
 */
import { auditInsert } from '../db/audit.ts';
import type { Db } from '../db/client.ts';
import type { UserId } from '../db/ids.ts';

export type ExportTarget =
  | { readonly entity: 'snapshot'; readonly id: number; readonly assessment: string }
  | { readonly entity: 'assessment'; readonly id: number; readonly assessment: string }
  | { readonly entity: 'audit'; readonly id: 'accounts' };

export interface ExportDetails {
  /** report, brief, snapshot, table, draft, compare, audit, accounts, problem, results. */
  readonly kind: string;
  readonly format: 'csv' | 'json' | 'pdf';
  readonly table?: string | undefined;
  readonly lang?: string | undefined;
  readonly city?: string | undefined;
  /** `api` or `cli` when not a page's download link. */
  readonly via?: 'api' | 'cli' | undefined;
}

export async function recordExport(
  db: Db,
  at: Date,
  by: UserId | null,
  target: ExportTarget,
  details: ExportDetails,
): Promise<void> {
  const where =
    target.entity === 'audit'
      ? {}
      : { assessment: target.assessment, ...(target.entity === 'snapshot' ? { snapshot: target.id } : {}) };
  // Undefined fields are left out of the stored JSON, so the entry says only what applies.
  const after = JSON.parse(JSON.stringify({ ...details, ...where })) as Record<string, unknown>;
  await auditInsert(db, {
    at,
    userId: by,
    action: 'export.download',
    entity: target.entity,
    entityId: target.id,
    after,
  });
}
