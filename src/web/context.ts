import type { Db } from '../db/client.ts';
import type { SessionId, UserId } from '../db/ids.ts';
import type { Locale, Translate } from '../i18n/messages.ts';

/** Everything the app depends on; createApp fills in the defaults, so routes see no optional fields. */
export interface AppDeps {
  readonly db: Db;
  /** Injected so tests can move time past the session and rate-limit windows. */
  readonly clock: () => Date;
  /** Force the Secure cookie flag (set it when TLS ends at a proxy in front of the app). */
  readonly secureCookies: boolean;
  readonly log: (line: string) => void;
}

export interface CurrentUser {
  readonly id: UserId;
  readonly username: string;
  readonly displayName: string;
  readonly isAdmin: boolean;
  readonly locale: Locale | null;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    user: CurrentUser | null;
    sessionId: SessionId | null;
    /** True when the request carried a session cookie whose session has expired or been revoked. */
    sessionEnded: boolean;
    locale: Locale;
    t: Translate;
  };
}
