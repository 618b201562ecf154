// Types of scratch-databases.mjs for TypeScript importers (tests).
/** A database that exists for one test or diff and is removed by `drop`. */
export type ScratchDatabase = { url: string; drop(): Promise<void> };

export declare function createScratchPostgres(label: string): Promise<ScratchDatabase>;
export declare function createScratchSqlite(label: string): Promise<ScratchDatabase>;
export declare function createScratchDatabase(provider: "sqlite" | "postgresql", label: string): Promise<ScratchDatabase>;
