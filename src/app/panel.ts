/**
 * The panel of an assessment as administrators manage it: who evaluates, chairs or reads, and each evaluator's
 * influence when the panel's scores are aggregated (docs/engine.md §9). Every change is audited on the assessment.
 */
import type { Db } from '../db/client.ts';
import {
  deleteSeat,
  insertSeat,
  judgmentsBy,
  panelWithUsers,
  type Seat,
  scoresBy,
  updateSeat,
} from '../db/queries/panel.ts';
import { findUserByUsername } from '../db/queries/users.ts';
import { type PanelRole, panelRoles } from '../db/schema.ts';
import type { AccessibleAssessment, Actor } from './access.ts';
import { type Refused, refused } from './refused.ts';

/** A member's influence: a positive weight, as the engine takes it; 1 for everyone is the plain mean. */
export const MAX_INFLUENCE = 100;

export interface SeatInput {
  readonly username: string;
  readonly role: string;
  readonly influence: string;
}

export type PanelOutcome = { readonly kind: 'done'; readonly seat: Seat } | Refused;
export type RemoveOutcome =
  | PanelOutcome
  /**
   * The member has scores or pairwise comparisons: removing them takes those out of the results and the group AHP;
   * asked before it is done.
   */
  | { readonly kind: 'confirm'; readonly seat: Seat; readonly scores: number; readonly judgments: number };

export const panelOf = (db: Db, seat: AccessibleAssessment) => panelWithUsers(db, seat.assessment.id);

function readSeat(input: Pick<SeatInput, 'role' | 'influence'>): { role: PanelRole; influence: number } | Refused {
  if (!(panelRoles as readonly string[]).includes(input.role))
    return refused(422, `must be one of ${panelRoles.join(', ')}`, 'role');
  const raw = input.influence.trim().replace(',', '.');
  const influence = raw === '' ? 1 : Number(raw);
  if (!Number.isFinite(influence) || influence <= 0 || influence > MAX_INFLUENCE)
    return refused(422, `a number above 0 and at most ${MAX_INFLUENCE}`, 'influence');
  return { role: input.role as PanelRole, influence };
}

const onlyAdmins = (seat: AccessibleAssessment) =>
  seat.access.role === 'administrator' ? undefined : refused(403, 'only administrators change the panel');

async function member(db: Db, seat: AccessibleAssessment, username: string): Promise<Seat | Refused> {
  const user = await findUserByUsername(db, username);
  const row = user && (await panelWithUsers(db, seat.assessment.id)).find((m) => m.userId === user.id);
  if (!row) return refused(404, `"${username}" is not on this panel`, 'username');
  return {
    assessmentId: seat.assessment.id,
    userId: row.userId,
    username: row.username,
    role: row.role,
    influence: row.influence,
  };
}

export async function addMember(
  db: Db,
  now: Date,
  actor: Actor,
  seat: AccessibleAssessment,
  input: SeatInput,
): Promise<PanelOutcome> {
  const denied = onlyAdmins(seat);
  if (denied) return denied;
  const read = readSeat(input);
  if ('kind' in read) return read;
  const user = await findUserByUsername(db, input.username);
  if (!user) return refused(404, `there is no user "${input.username.trim()}"`, 'username');
  if (user.disabledAt) return refused(409, `"${user.username}" is disabled; enable the account first`, 'username');
  const next: Seat = { assessmentId: seat.assessment.id, userId: user.id, username: user.username, ...read };
  try {
    await insertSeat(db, next, actor.id, now);
  } catch (err) {
    if (
      err instanceof Error &&
      /UNIQUE constraint failed: panel_members/.test(`${err.message} ${String(err.cause ?? '')}`)
    )
      return refused(409, `"${user.username}" is already on this panel: change their role instead`, 'username');
    throw err;
  }
  return { kind: 'done', seat: next };
}

export async function changeMember(
  db: Db,
  now: Date,
  actor: Actor,
  seat: AccessibleAssessment,
  input: SeatInput,
): Promise<PanelOutcome> {
  const denied = onlyAdmins(seat);
  if (denied) return denied;
  const read = readSeat(input);
  if ('kind' in read) return read;
  const before = await member(db, seat, input.username);
  if ('kind' in before) return before;
  const next: Seat = { ...before, ...read };
  if (next.role !== before.role || next.influence !== before.influence)
    await updateSeat(db, next, before, actor.id, now);
  return { kind: 'done', seat: next };
}

/**
 * Takes a member off the panel. Their scores and comparisons are kept (the audit trail and a later return need them)
 * but no longer count in the results or the group AHP; when they have any, nothing happens until `confirmed`.
 */
export async function removeMember(
  db: Db,
  now: Date,
  actor: Actor,
  seat: AccessibleAssessment,
  username: string,
  confirmed: boolean,
): Promise<RemoveOutcome> {
  const denied = onlyAdmins(seat);
  if (denied) return denied;
  const target = await member(db, seat, username);
  if ('kind' in target) return target;
  const [given, judged] = await Promise.all([
    scoresBy(db, seat.assessment.id, target.userId),
    judgmentsBy(db, seat.assessment.id, target.userId),
  ]);
  if ((given > 0 || judged > 0) && !confirmed)
    return { kind: 'confirm', seat: target, scores: given, judgments: judged };
  await deleteSeat(db, target, actor.id, now);
  return { kind: 'done', seat: target };
}
