import { and, eq } from 'drizzle-orm';
import { auditIfChanged, auditInsert } from '../db/audit.ts';
import type { Db } from '../db/client.ts';
import { findOpenRound, lastRoundNumber } from '../db/queries/scores.ts';
import { findUserByUsername } from '../db/queries/users.ts';
import { panelMembers, roundSubmissions, rounds } from '../db/schema.ts';
import type { AccessibleAssessment, Actor } from './access.ts';
import { type Refused, refused } from './refused.ts';

const leads = (seat: AccessibleAssessment) => seat.access.role === 'chair' || seat.access.role === 'administrator';

export type RoundOutcome = { readonly kind: 'done'; readonly round: number } | Refused;

/**
 * Opens the next Delphi round (1 for the first), with an optional deadline shown to evaluators. One round is open
 * at a time; the round and its audit entry are one batch.
 */
export async function openRound(
  db: Db,
  now: Date,
  actor: Actor,
  seat: AccessibleAssessment,
  deadline: Date | null,
): Promise<RoundOutcome> {
  if (!leads(seat)) return refused(403, 'only the chair or an administrator opens rounds');
  if (seat.assessment.archivedAt !== null)
    return refused(409, 'this assessment is archived: restore it before opening a round');
  if (deadline && deadline.getTime() <= now.getTime())
    return refused(422, 'the deadline must be in the future', 'deadline');
  const open = await findOpenRound(db, seat.assessment.id);
  if (open) return refused(409, `round ${open.number} is still open: close it first`);
  const number = (await lastRoundNumber(db, seat.assessment.id)) + 1;
  try {
    await openRoundBatch(db, now, actor, seat, number, deadline);
  } catch (err) {
    // Two requests opening the same round at once: the second finds its number taken.
    if (err instanceof Error && /UNIQUE constraint failed: rounds/.test(`${err.message} ${String(err.cause ?? '')}`)) {
      return refused(409, `round ${number} was opened at the same moment by someone else`);
    }
    throw err;
  }
  return { kind: 'done', round: number };
}

function openRoundBatch(
  db: Db,
  now: Date,
  actor: Actor,
  seat: AccessibleAssessment,
  number: number,
  deadline: Date | null,
) {
  return db.batch([
    db
      .insert(rounds)
      .values({ assessmentId: seat.assessment.id, number, status: 'open', opensAt: now, closesAt: deadline }),
    auditInsert(db, {
      at: now,
      userId: actor.id,
      action: 'round.open',
      entity: 'assessment',
      entityId: seat.assessment.id,
      after: { round: number, deadline: deadline?.toISOString() ?? null },
    }),
  ]);
}

/** Closes the open round: no more saves or submissions in it; its scores become the next round's feedback. */
export async function closeRound(db: Db, now: Date, actor: Actor, seat: AccessibleAssessment): Promise<RoundOutcome> {
  if (!leads(seat)) return refused(403, 'only the chair or an administrator closes rounds');
  const open = await findOpenRound(db, seat.assessment.id);
  if (!open) return refused(409, 'no round is open');
  const [closed] = await db.batch([
    db
      .update(rounds)
      .set({ status: 'closed', closesAt: now })
      .where(and(eq(rounds.id, open.id), eq(rounds.status, 'open')))
      .returning(),
    auditIfChanged(db, {
      at: now,
      userId: actor.id,
      action: 'round.close',
      entity: 'assessment',
      entityId: seat.assessment.id,
      before: { round: open.number, status: 'open' },
      after: { round: open.number, status: 'closed' },
    }),
  ]);
  if (closed.length === 0) return refused(409, 'no round is open');
  return { kind: 'done', round: open.number };
}

/** Unlocks an evaluator's submitted round so they can change their scores again. */
export async function reopenFor(
  db: Db,
  now: Date,
  actor: Actor,
  seat: AccessibleAssessment,
  username: string,
): Promise<RoundOutcome> {
  if (!leads(seat)) return refused(403, 'only the chair or an administrator reopens a round');
  const open = await findOpenRound(db, seat.assessment.id);
  if (!open) return refused(409, 'no round is open');
  const user = await findUserByUsername(db, username);
  const seatOfUser =
    user &&
    (await db.query.panelMembers.findFirst({
      where: and(eq(panelMembers.assessmentId, seat.assessment.id), eq(panelMembers.userId, user.id)),
    }));
  if (!user || seatOfUser?.role !== 'evaluator')
    return refused(404, `no evaluator "${username}" on this panel`, 'user');
  const [deleted] = await db.batch([
    db
      .delete(roundSubmissions)
      .where(and(eq(roundSubmissions.roundId, open.id), eq(roundSubmissions.userId, user.id)))
      .returning(),
    auditIfChanged(db, {
      at: now,
      userId: actor.id,
      action: 'round.reopen',
      entity: 'round',
      entityId: open.id,
      before: { user: username, submitted: true },
      after: { user: username, submitted: false },
    }),
  ]);
  if (deleted.length === 0) return refused(409, `${username} has not submitted round ${open.number}`);
  return { kind: 'done', round: open.number };
}
