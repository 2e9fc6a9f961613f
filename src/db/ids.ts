/**
 * Branded ids: a user id and a city id are both integers in SQLite, but passing one where the
 * other is expected is a bug the compiler can catch. Cast only where an id enters the system
 * (a parsed route parameter, a row just inserted).
 */
declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

export type UserId = Brand<number, 'UserId'>;
/** SHA-256 hex of the session token; the raw token only ever lives in the cookie. */
export type SessionId = Brand<string, 'SessionId'>;
export type AssessmentId = Brand<number, 'AssessmentId'>;
export type AlternativeId = Brand<number, 'AlternativeId'>;
export type DimensionId = Brand<number, 'DimensionId'>;
export type IndicatorId = Brand<number, 'IndicatorId'>;
export type RoundId = Brand<number, 'RoundId'>;
export type ScoreId = Brand<number, 'ScoreId'>;
export type IndicatorValueId = Brand<number, 'IndicatorValueId'>;
export type WeightSetId = Brand<number, 'WeightSetId'>;
export type AhpJudgmentId = Brand<number, 'AhpJudgmentId'>;
export type SnapshotId = Brand<number, 'SnapshotId'>;
export type RecommendationRuleId = Brand<number, 'RecommendationRuleId'>;
export type AuditId = Brand<number, 'AuditId'>;
export type ApiTokenId = Brand<number, 'ApiTokenId'>;
