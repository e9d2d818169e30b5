/** The kinds of database the app runs on, told apart by the scheme of DATABASE_URL. */
export type DatabaseKind = 'sqlite' | 'postgres'

export const defaultDatabaseUrl = 'file:./prisma/data/mission-ready.db'

/** Which database a URL points at; throws a message naming DATABASE_URL when it is neither. */
export function databaseKind(url: string): DatabaseKind {
  if (url.startsWith('file:')) return 'sqlite'
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres'
  throw new Error(`DATABASE_URL must start with "file:" (SQLite) or "postgres://" (PostgreSQL); got "${url.slice(0, 40)}"`)
}
