/** The interface languages. The database's users.locale check constraint is built from this list, so both agree. */
export const locales = ['en', 'zh'] as const;
export type Locale = (typeof locales)[number];
