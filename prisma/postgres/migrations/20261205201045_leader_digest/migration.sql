-- AlterTable
ALTER TABLE "User" ADD COLUMN     "weeklyDigest" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "LeaderDigest" (
    "leaderId" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "clientReady" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LeaderDigest_pkey" PRIMARY KEY ("leaderId","week")
);

