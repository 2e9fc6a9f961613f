import type { AccessibleAssessment } from '../app/access.ts';
import type { EnginePool } from '../app/engine-pool/pool.ts';
import type { ImportJobs } from '../app/import-jobs.ts';
import type { PdfRenderer } from '../app/reports.ts';
import type { ResultCache } from '../app/results.ts';
import type { Db } from '../db/client.ts';
import type { SessionId, UserId } from '../db/ids.ts';
import type { Locale, Translate } from '../i18n/messages.ts';
import type { TrustedProxies } from './trusted-proxy.ts';

/** Everything the app depends on; createApp fills in the defaults, so routes see no optional fields. */
export interface AppDeps {
  readonly db: Db;
  /** Injected so tests can move time past the session and rate-limit windows. */
  readonly clock: () => Date;
  /** Force the Secure cookie flag (set it when TLS ends at a proxy in front of the app). */
  readonly secureCookies: boolean;
  /** The proxies whose X-Forwarded-For / X-Forwarded-Proto count (CORRIDOR_TRUST_PROXY); null: none, the default. */
  readonly trustedProxies: TrustedProxies | null;
  readonly log: (line: string) => void;
  /** Engine work that grows with the input runs here, off the event loop (src/app/engine-pool). */
  readonly engine: EnginePool;
  /** Statistics imports being checked or waiting for confirmation (src/app/import-jobs.ts). */
  readonly imports: ImportJobs;
  /** Live results by assessment and data version (src/app/results.ts). */
  readonly results: ResultCache;
  /** Renders a snapshot's PDFs off the event loop (src/app/report-pool). */
  readonly reports: PdfRenderer;
}

export interface CurrentUser {
  readonly id: UserId;
  readonly username: string;
  readonly displayName: string;
  readonly isAdmin: boolean;
  readonly locale: Locale | null;
}

export interface AppVariables {
  requestId: string;
  user: CurrentUser | null;
  sessionId: SessionId | null;
  /** True when the request carried a session cookie whose session has expired or been revoked. */
  sessionEnded: boolean;
  /** True when an API request authenticated with a bearer token (src/web/middleware/bearer.ts), not a cookie. */
  viaToken: boolean;
  locale: Locale;
  t: Translate;
}

export interface AppEnv {
  Variables: AppVariables;
}

/** What a route behind the `signedIn` or `administrator` guard sees (src/web/guards.ts). */
export interface SignedInEnv {
  Variables: AppVariables & { user: CurrentUser };
}

/** What a route behind an `assessmentSeat` guard sees: the assessment of `:code` and the caller's access to it. */
export interface AssessmentEnv {
  Variables: SignedInEnv['Variables'] & {
    assessment: AccessibleAssessment['assessment'];
    access: AccessibleAssessment['access'];
  };
}
