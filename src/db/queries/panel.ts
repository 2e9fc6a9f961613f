import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { auditInsert } from '../audit.ts';
import type { Db } from '../client.ts';
import type { AssessmentId, UserId } from '../ids.ts';
import { ahpJudgments, type PanelRole, panelMembers, rounds, scores, users } from '../schema.ts';

/** The panel of an assessment with each member's account. */
export function panelWithUsers(db: Db, assessmentId: AssessmentId) {
  return db
    .select({
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      disabledAt: users.disabledAt,
      role: panelMembers.role,
      influence: panelMembers.influence,
    })
    .from(panelMembers)
    .innerJoin(users, eq(users.id, panelMembers.userId))
    .where(eq(panelMembers.assessmentId, assessmentId))
    .orderBy(asc(users.displayName), asc(users.id));
}

/** How many scores a user has given in the assessment's rounds: what leaves the results with their seat. */
export async function scoresBy(db: Db, assessmentId: AssessmentId, userId: UserId): Promise<number> {
  const roundIds = db.select({ id: rounds.id }).from(rounds).where(eq(rounds.assessmentId, assessmentId));
  const [row] = await db
    .select({ n: count() })
    .from(scores)
    .where(and(eq(scores.expertId, userId), inArray(scores.roundId, roundIds)));
  return row?.n ?? 0;
}

/** How many levels a user has given pairwise comparisons at: what leaves the group AHP with their seat. */
export async function judgmentsBy(db: Db, assessmentId: AssessmentId, userId: UserId): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(ahpJudgments)
    .where(and(eq(ahpJudgments.assessmentId, assessmentId), eq(ahpJudgments.userId, userId)));
  return row?.n ?? 0;
}

export interface Seat {
  readonly assessmentId: AssessmentId;
  readonly userId: UserId;
  readonly username: string;
  readonly role: PanelRole;
  readonly influence: number;
}

const seatView = (s: Pick<Seat, 'username' | 'role' | 'influence'>) => ({
  username: s.username,
  role: s.role,
  influence: s.influence,
});

const audit = (db: Db, at: Date, by: UserId, action: string, seat: Seat, before?: Seat) =>
  auditInsert(db, {
    at,
    userId: by,
    action,
    entity: 'assessment',
    entityId: seat.assessmentId,
    ...(before ? { before: seatView(before) } : {}),
    ...(action === 'panel.remove' ? {} : { after: seatView(seat) }),
  });

export function insertSeat(db: Db, seat: Seat, by: UserId, at: Date) {
  return db.batch([
    db
      .insert(panelMembers)
      .values({ assessmentId: seat.assessmentId, userId: seat.userId, role: seat.role, influence: seat.influence }),
    audit(db, at, by, 'panel.add', seat),
  ]);
}

export function updateSeat(db: Db, seat: Seat, before: Seat, by: UserId, at: Date) {
  return db.batch([
    db
      .update(panelMembers)
      .set({ role: seat.role, influence: seat.influence })
      .where(and(eq(panelMembers.assessmentId, seat.assessmentId), eq(panelMembers.userId, seat.userId))),
    audit(db, at, by, 'panel.update', seat, before),
  ]);
}

export function deleteSeat(db: Db, seat: Seat, by: UserId, at: Date) {
  return db.batch([
    db
      .delete(panelMembers)
      .where(and(eq(panelMembers.assessmentId, seat.assessmentId), eq(panelMembers.userId, seat.userId))),
    audit(db, at, by, 'panel.remove', seat, seat),
  ]);
}
