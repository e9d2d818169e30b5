-- CreateTable
CREATE TABLE "LeaderDigest" (
    "leaderId" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "clientReady" TEXT NOT NULL,
    "sentAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("leaderId", "week")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameSearch" TEXT NOT NULL DEFAULT '',
    "role" TEXT NOT NULL DEFAULT 'learner',
    "status" TEXT NOT NULL DEFAULT 'invited',
    "passwordHash" TEXT,
    "startDate" DATETIME,
    "lastReminderAt" DATETIME,
    "weeklyDigest" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "deactivatedAt" DATETIME
);
INSERT INTO "new_User" ("createdAt", "deactivatedAt", "email", "id", "lastReminderAt", "name", "nameSearch", "passwordHash", "role", "startDate", "status", "updatedAt") SELECT "createdAt", "deactivatedAt", "email", "id", "lastReminderAt", "name", "nameSearch", "passwordHash", "role", "startDate", "status", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE INDEX "User_role_idx" ON "User"("role");
CREATE INDEX "User_status_idx" ON "User"("status");
CREATE INDEX "User_nameSearch_idx" ON "User"("nameSearch");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

