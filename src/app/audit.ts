import type { Db } from '../db/client.ts';
import { type AuditFilter, accountAuditEntries, assessmentAuditEntries } from '../db/queries/audit-log.ts';
import { scoringFrame } from '../db/queries/scores.ts';
import { findUserByUsername, listUsers } from '../db/queries/users.ts';
import { neutralize } from '../report/csv.ts';
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

/** A CSV cell: quoted, and defused as every CSV of the app is (`neutralize`), so a spreadsheet shows text. */
export const csvCell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return `"${neutralize(text).replaceAll('"', '""')}"`;
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

/** One account-level entry: who acted, on which account, from which address. */
export interface AccountAuditRow {
  readonly id: number;
  readonly at: Date;
  readonly username: string | null;
  readonly name: string | null;
  readonly action: string;
  /** The account the entry is about, or the username typed at a failed sign-in. */
  readonly account: string | null;
  readonly address: string | null;
  readonly userAgent: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

export interface AccountAuditQuery {
  /** A username, an account's or one typed at a failed sign-in. */
  readonly person?: string | undefined;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
}

const field = (value: unknown, name: string): string | null => {
  if (value === null || typeof value !== 'object') return null;
  const v = (value as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : null;
};

/**
 * The account audit log for administrators: sign-ins, sessions, account changes and tokens, filtered by person and
 * dates. Token entries name the account by id and are read back as usernames here.
 */
export async function accountTrail(db: Db, query: AccountAuditQuery): Promise<AccountAuditRow[]> {
  const name = query.person?.trim().toLowerCase();
  const person = name ? await findUserByUsername(db, name) : undefined;
  const [entries, all] = await Promise.all([
    accountAuditEntries(db, {
      person: name ? { username: name, id: person?.id } : undefined,
      from: query.from,
      until: query.to ? new Date(query.to.getTime() + DAY) : undefined,
    }),
    listUsers(db),
  ]);
  const usernameOf = new Map(all.map((u) => [String(u.id), u.username]));
  return entries.map(({ entry, username, displayName }): AccountAuditRow => {
    const byId = entry.action.startsWith('token.');
    const account =
      field(entry.after, 'username') ??
      field(entry.before, 'username') ??
      (entry.entity === 'api_token' || entry.entity === 'session'
        ? (usernameOf.get(String(entry.userId)) ?? null)
        : entry.entity === 'user' || entry.entity === 'username'
          ? byId
            ? (usernameOf.get(entry.entityId) ?? entry.entityId)
            : entry.entityId
          : null);
    return {
      id: entry.id,
      at: entry.at,
      username,
      name: displayName,
      action: entry.action,
      account,
      address: field(entry.after, 'address'),
      userAgent: field(entry.after, 'userAgent'),
      before: entry.before,
      after: entry.after,
    };
  });
}

/** Every account's username, for the person filter's suggestions. */
export const accountUsernames = async (db: Db): Promise<string[]> => (await listUsers(db)).map((u) => u.username);

export function accountAuditCsv(rows: readonly AccountAuditRow[]): string {
  const header = ['at', 'username', 'name', 'action', 'account', 'address', 'user_agent', 'before', 'after'];
  const lines = rows.map((r) =>
    [r.at.toISOString(), r.username, r.name, r.action, r.account, r.address, r.userAgent, r.before, r.after]
      .map(csvCell)
      .join(','),
  );
  return `\uFEFF${[header.map(csvCell).join(','), ...lines].join('\r\n')}\r\n`;
}
