import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Forms are small; this caps what one request may make the server buffer. Raise it per route (for a
 * CSV import, say) rather than here. Too large a body is an HTTPException(413), rendered by the error page.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

export const bodySize = (): MiddlewareHandler => bodyLimit({ maxSize: MAX_BODY_BYTES });
