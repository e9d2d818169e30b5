-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "halfLifeDays" INTEGER NOT NULL DEFAULT 180,
ADD COLUMN     "readyLowerBound" DOUBLE PRECISION NOT NULL DEFAULT 0.6,
ADD COLUMN     "roleModelLowerBound" DOUBLE PRECISION NOT NULL DEFAULT 0.8;

-- CreateTable
CREATE TABLE "Evidence" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "competencyId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "score" DOUBLE PRECISION,
    "weight" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "redFlag" BOOLEAN NOT NULL DEFAULT false,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "sourceId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReadinessEstimate" (
    "userId" TEXT NOT NULL,
    "competencyId" TEXT NOT NULL,
    "positive" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "negative" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "count" INTEGER NOT NULL DEFAULT 0,
    "lessonsDone" INTEGER NOT NULL DEFAULT 0,
    "lastEvidenceAt" TIMESTAMP(3),
    "lastRedFlagAt" TIMESTAMP(3),
    "mean" DOUBLE PRECISION NOT NULL DEFAULT 0.5,
    "lower" DOUBLE PRECISION NOT NULL DEFAULT 0.1,
    "upper" DOUBLE PRECISION NOT NULL DEFAULT 0.9,
    "level" TEXT NOT NULL DEFAULT 'not-started',
    "redFlag" BOOLEAN NOT NULL DEFAULT false,
    "refresherSince" TIMESTAMP(3),
    "computedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReadinessEstimate_pkey" PRIMARY KEY ("userId","competencyId")
);

-- CreateTable
CREATE TABLE "PillarReadiness" (
    "userId" TEXT NOT NULL,
    "pillarId" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "lower" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "PillarReadiness_pkey" PRIMARY KEY ("userId","pillarId")
);

-- CreateTable
CREATE TABLE "PersonReadiness" (
    "userId" TEXT NOT NULL,
    "clientReady" BOOLEAN NOT NULL DEFAULT false,
    "weakestLower" DOUBLE PRECISION NOT NULL DEFAULT 0.1,
    "readyCount" INTEGER NOT NULL DEFAULT 0,
    "redFlags" INTEGER NOT NULL DEFAULT 0,
    "refreshers" INTEGER NOT NULL DEFAULT 0,
    "evidence" INTEGER NOT NULL DEFAULT 0,
    "onboardingDueAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PersonReadiness_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "Observation" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "observerId" TEXT NOT NULL,
    "competencyId" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "observedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Observation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReadinessSnapshot" (
    "week" TIMESTAMP(3) NOT NULL,
    "teamId" TEXT NOT NULL,
    "people" INTEGER NOT NULL,
    "clientReady" INTEGER NOT NULL,
    "pillarReady" TEXT NOT NULL,

    CONSTRAINT "ReadinessSnapshot_pkey" PRIMARY KEY ("week","teamId")
);

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

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReadinessEstimate" ADD CONSTRAINT "ReadinessEstimate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PillarReadiness" ADD CONSTRAINT "PillarReadiness_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonReadiness" ADD CONSTRAINT "PersonReadiness_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Observation" ADD CONSTRAINT "Observation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Observation" ADD CONSTRAINT "Observation_observerId_fkey" FOREIGN KEY ("observerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

