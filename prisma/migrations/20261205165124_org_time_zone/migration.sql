-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Organisation" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'default',
    "name" TEXT NOT NULL,
    "mission" TEXT NOT NULL,
    "halfLifeDays" INTEGER NOT NULL DEFAULT 180,
    "readyLowerBound" REAL NOT NULL DEFAULT 0.6,
    "roleModelLowerBound" REAL NOT NULL DEFAULT 0.8,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Organisation" ("createdAt", "halfLifeDays", "id", "mission", "name", "readyLowerBound", "roleModelLowerBound", "updatedAt") SELECT "createdAt", "halfLifeDays", "id", "mission", "name", "readyLowerBound", "roleModelLowerBound", "updatedAt" FROM "Organisation";
DROP TABLE "Organisation";
ALTER TABLE "new_Organisation" RENAME TO "Organisation";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

