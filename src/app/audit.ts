import type { Db } from '../db/client.ts';
import { type AuditFilter, assessmentAuditEntries } from '../db/queries/audit-log.ts';
import { scoringFrame } from '../db/queries/scores.ts';
import { findUserByUsername } from '../db/queries/users.ts';
import type { AccessibleAssessment } from './access.ts';

/** One change as people read it: who, when, what, before and after. */
export interface AuditRow {
  readonly id: number;
  readonly at: Date;
  readonly username: string | null;
  readonly name: string | null;
  readonly action: string;
  readonly round: number | null;
  readonly city: string | null;
  readonly indicator: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

export interface AuditQuery {
  readonly person?: string | undefined;
  readonly city?: string | undefined;
  readonly indicator?: string | undefined;
  /** Whole days, UTC: from the start of `from` to the end of `to`. */
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * The assessment's audit trail for the chair and administrators, filtered by person, city, indicator and dates.
 * Score entries name their cell by ids; they are read back as codes here. Entries are never changed by the app:
 * this only reads.
 */
export async function auditTrail(db: Db, seat: AccessibleAssessment, query: AuditQuery): Promise<AuditRow[]> {
  const person = query.person ? await findUserByUsername(db, query.person) : undefined;
  if (query.person && !person) return [];
  const filter: AuditFilter = {
    userId: person?.id,
    from: query.from,
    until: query.to ? new Date(query.to.getTime() + DAY) : undefined,
  };
  const [entries, frame, roundRows] = await Promise.all([
    assessmentAuditEntries(db, seat.assessment.id, filter),
    scoringFrame(db, seat.assessment.id),
    db.query.rounds.findMany({ where: (r, { eq }) => eq(r.assessmentId, seat.assessment.id) }),
  ]);
  const cityOf = new Map(frame.cities.map((c) => [String(c.id), c.code]));
  const indicatorOf = new Map(frame.indicators.map((i) => [String(i.id), i.code]));
  const roundOf = new Map(roundRows.map((r) => [String(r.id), r.number]));
  const rows = entries.map(({ entry, username, displayName }): AuditRow => {
    const [roundId, altId, indId] = entry.entity === 'score' ? entry.entityId.split(':') : [];
    const round =
      entry.entity === 'score'
        ? roundOf.get(roundId!)
        : entry.entity === 'round'
          ? roundOf.get(entry.entityId)
          : ((entry.after ?? entry.before) as { round?: number } | null)?.round;
    return {
      id: entry.id,
      at: entry.at,
      username,
      name: displayName,
      action: entry.action,
      round: round ?? null,
      city: altId ? (cityOf.get(altId) ?? null) : null,
      indicator: indId ? (indicatorOf.get(indId) ?? null) : null,
      before: entry.before,
      after: entry.after,
    };
  });
  return rows.filter(
    (r) => (!query.city || r.city === query.city) && (!query.indicator || r.indicator === query.indicator),
  );
}

/**
 * A CSV cell: quoted, and a leading = + - @ (after spaces too, which some spreadsheets skip) or tab or CR defused,
 * so that a spreadsheet shows text, not a formula.
 */
export const csvCell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  const safe = /^[\s]*[=+\-@]|^[\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
};

export function auditCsv(rows: readonly AuditRow[]): string {
  const header = ['at', 'username', 'name', 'action', 'round', 'city', 'indicator', 'before', 'after'];
  const lines = rows.map((r) =>
    [r.at.toISOString(), r.username, r.name, r.action, r.round, r.city, r.indicator, r.before, r.after]
      .map(csvCell)
      .join(','),
  );
  // A BOM so that spreadsheet programs read the Chinese names as UTF-8.
  return `\uFEFF${[header.map(csvCell).join(','), ...lines].join('\r\n')}\r\n`;
}
