-- CreateTable
CREATE TABLE "Evidence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "competencyId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "score" REAL,
    "weight" REAL NOT NULL DEFAULT 1,
    "redFlag" BOOLEAN NOT NULL DEFAULT false,
    "occurredAt" DATETIME NOT NULL,
    "sourceId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Evidence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReadinessEstimate" (
    "userId" TEXT NOT NULL,
    "competencyId" TEXT NOT NULL,
    "positive" REAL NOT NULL DEFAULT 0,
    "negative" REAL NOT NULL DEFAULT 0,
    "count" INTEGER NOT NULL DEFAULT 0,
    "lessonsDone" INTEGER NOT NULL DEFAULT 0,
    "lastEvidenceAt" DATETIME,
    "lastRedFlagAt" DATETIME,
    "mean" REAL NOT NULL DEFAULT 0.5,
    "lower" REAL NOT NULL DEFAULT 0.1,
    "upper" REAL NOT NULL DEFAULT 0.9,
    "level" TEXT NOT NULL DEFAULT 'not-started',
    "redFlag" BOOLEAN NOT NULL DEFAULT false,
    "refresherSince" DATETIME,
    "computedAt" DATETIME NOT NULL,

    PRIMARY KEY ("userId", "competencyId"),
    CONSTRAINT "ReadinessEstimate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PillarReadiness" (
    "userId" TEXT NOT NULL,
    "pillarId" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "lower" REAL NOT NULL,

    PRIMARY KEY ("userId", "pillarId"),
    CONSTRAINT "PillarReadiness_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PersonReadiness" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "clientReady" BOOLEAN NOT NULL DEFAULT false,
    "weakestLower" REAL NOT NULL DEFAULT 0.1,
    "readyCount" INTEGER NOT NULL DEFAULT 0,
    "redFlags" INTEGER NOT NULL DEFAULT 0,
    "refreshers" INTEGER NOT NULL DEFAULT 0,
    "evidence" INTEGER NOT NULL DEFAULT 0,
    "onboardingDueAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PersonReadiness_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Observation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "observerId" TEXT NOT NULL,
    "competencyId" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "observedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Observation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Observation_observerId_fkey" FOREIGN KEY ("observerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReadinessSnapshot" (
    "week" DATETIME NOT NULL,
    "teamId" TEXT NOT NULL,
    "people" INTEGER NOT NULL,
    "clientReady" INTEGER NOT NULL,
    "pillarReady" TEXT NOT NULL,

    PRIMARY KEY ("week", "teamId")
);

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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Organisation" ("createdAt", "id", "mission", "name", "updatedAt") SELECT "createdAt", "id", "mission", "name", "updatedAt" FROM "Organisation";
DROP TABLE "Organisation";
ALTER TABLE "new_Organisation" RENAME TO "Organisation";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Evidence_userId_competencyId_occurredAt_idx" ON "Evidence"("userId", "competencyId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Evidence_kind_sourceId_competencyId_key" ON "Evidence"("kind", "sourceId", "competencyId");

-- CreateIndex
CREATE INDEX "ReadinessEstimate_competencyId_level_idx" ON "ReadinessEstimate"("competencyId", "level");

-- CreateIndex
CREATE INDEX "PillarReadiness_pillarId_level_idx" ON "PillarReadiness"("pillarId", "level");

-- CreateIndex
CREATE INDEX "PersonReadiness_clientReady_idx" ON "PersonReadiness"("clientReady");

-- CreateIndex
CREATE INDEX "PersonReadiness_weakestLower_idx" ON "PersonReadiness"("weakestLower");

-- CreateIndex
CREATE INDEX "PersonReadiness_onboardingDueAt_idx" ON "PersonReadiness"("onboardingDueAt");

-- CreateIndex
CREATE INDEX "Observation_userId_observedAt_idx" ON "Observation"("userId", "observedAt");

