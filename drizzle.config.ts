import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` uses this file; the app applies the generated migrations itself (src/db/client.ts).
export default defineConfig({
  dialect: 'turso',
  schema: './src/db/schema.ts',
  out: './drizzle',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'file:data/corridor.db' },
});
