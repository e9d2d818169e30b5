-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PersonReadiness" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "clientReady" BOOLEAN NOT NULL DEFAULT false,
    "weakestLower" REAL NOT NULL DEFAULT 0.1,
    "redFlags" INTEGER NOT NULL DEFAULT 0,
    "refreshers" INTEGER NOT NULL DEFAULT 0,
    "onboardingDueAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PersonReadiness_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_PersonReadiness" ("clientReady", "onboardingDueAt", "redFlags", "refreshers", "updatedAt", "userId", "weakestLower") SELECT "clientReady", "onboardingDueAt", "redFlags", "refreshers", "updatedAt", "userId", "weakestLower" FROM "PersonReadiness";
DROP TABLE "PersonReadiness";
ALTER TABLE "new_PersonReadiness" RENAME TO "PersonReadiness";
CREATE INDEX "PersonReadiness_clientReady_idx" ON "PersonReadiness"("clientReady");
CREATE INDEX "PersonReadiness_weakestLower_idx" ON "PersonReadiness"("weakestLower");
CREATE INDEX "PersonReadiness_onboardingDueAt_idx" ON "PersonReadiness"("onboardingDueAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

