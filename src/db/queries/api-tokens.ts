import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { auditIfChanged, auditInsert, auditUnlessRecent } from '../audit.ts';
import type { Db } from '../client.ts';
import type { ApiTokenId, UserId } from '../ids.ts';
import { prepared } from '../prepared.ts';
import { type ApiToken, apiTokens, type User, users } from '../schema.ts';

/** The token and its audit entry in one batch; the entry names the token, never its value. */
export async function insertApiToken(
  db: Db,
  token: { userId: UserId; name: string; tokenHash: string; at: Date; by: UserId | null },
): Promise<ApiToken> {
  const [[row]] = await db.batch([
    db
      .insert(apiTokens)
      .values({ userId: token.userId, name: token.name, tokenHash: token.tokenHash, createdAt: token.at })
      .returning(),
    auditInsert(db, {
      at: token.at,
      userId: token.by,
      action: 'token.create',
      entity: 'user',
      entityId: token.userId,
      after: { name: token.name },
    }),
  ]);
  return row!;
}

export function userApiTokens(db: Db, userId: UserId) {
  return db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** Revokes one of the user's own live tokens; false when there is none with that id (another user's included). */
export async function revokeApiToken(db: Db, userId: UserId, id: ApiTokenId, at: Date): Promise<boolean> {
  const live = and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt));
  const row = await db.query.apiTokens.findFirst({ where: live });
  if (!row) return false;
  await db.batch([
    db.update(apiTokens).set({ revokedAt: at }).where(live),
    auditIfChanged(db, {
      at,
      userId,
      action: 'token.revoke',
      entity: 'user',
      entityId: userId,
      before: { name: row.name },
    }),
  ]);
  return true;
}

const statements = prepared((db) => ({
  // Every bearer request runs this one.
  withUser: db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, sql.placeholder('hash')))
    .limit(1)
    .prepare(),
}));

export function findApiTokenWithUser(db: Db, tokenHash: string): Promise<{ token: ApiToken; user: User } | undefined> {
  return statements(db).withUser.get({ hash: tokenHash });
}

export async function touchApiToken(db: Db, id: ApiTokenId, at: Date): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}

/**
 * `token.use` for the token, unless one was recorded since `since`: one conditional insert, so however many processes
 * serve the token's requests, the log gets one entry per interval, naming the first request of it.
 */
export async function auditTokenUse(
  db: Db,
  token: Pick<ApiToken, 'id' | 'userId' | 'name'>,
  at: Date,
  since: Date,
  request: { readonly method: string; readonly path: string },
): Promise<void> {
  await auditUnlessRecent(
    db,
    {
      at,
      userId: token.userId,
      action: 'token.use',
      entity: 'api_token',
      entityId: token.id,
      after: { name: token.name, method: request.method, path: request.path },
    },
    since,
  );
}
