import type { LedgerRow } from "./ledger";
import { checksumMatches, type MigrationFile } from "./migration-files";

/** A migration history the migrator refuses to extend; the message says what is wrong and what to do. */
export class MigrationError extends Error {
  override name = "MigrationError";
}

export type MigrationPlan = {
  pending: MigrationFile[];
  applied: string[];
  /** Applied in the database but absent from the folder (a newer version of the app migrated it). */
  unknown: string[];
};

/** Compares the migration files (in apply order) with the database's history and decides what to apply. */
export function planMigrations(migrations: MigrationFile[], rows: LedgerRow[]): MigrationPlan {
  const live = rows.filter((row) => row.rolled_back_at == null);
  const failed = live.filter((row) => row.finished_at == null);
  if (failed.length > 0) {
    const lines = failed.map((row) => `  - ${row.migration_name}${row.logs ? `: ${firstLine(row.logs)}` : ""}`);
    throw new MigrationError(
      [
        "The database records migrations that started but never finished:",
        ...lines,
        "Repair the database by hand, then mark each one with `prisma migrate resolve --rolled-back <name>`",
        "(or set its rolled_back_at in _prisma_migrations) and migrate again.",
      ].join("\n"),
    );
  }

  const files = new Map(migrations.map((migration) => [migration.name, migration]));
  const finished = new Set(live.map((row) => row.migration_name));
  const tampered: { row: LedgerRow; file: MigrationFile }[] = [];
  const unknown: string[] = [];
  for (const row of live) {
    const file = files.get(row.migration_name);
    if (!file) unknown.push(row.migration_name);
    else if (!checksumMatches(file.script, row.checksum)) tampered.push({ row, file });
  }
  if (tampered.length > 0) {
    const lines = tampered.map(
      ({ row, file }) =>
        `  - ${row.migration_name}: applied with sha256 ${row.checksum}, but ${file.file} now has sha256 ${file.checksum}`,
    );
    throw new MigrationError(
      [
        "Migration files were changed after they were applied to this database:",
        ...lines,
        "Restore the applied files (e.g. `git checkout -- <file>`) and put further changes in a new migration.",
      ].join("\n"),
    );
  }

  return {
    pending: migrations.filter((migration) => !finished.has(migration.name)),
    applied: migrations.filter((migration) => finished.has(migration.name)).map((migration) => migration.name),
    unknown: [...new Set(unknown)],
  };
}

const firstLine = (text: string) => text.split("\n", 1)[0];
