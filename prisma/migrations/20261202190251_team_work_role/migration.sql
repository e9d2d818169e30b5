-- AlterTable
ALTER TABLE "Team" ADD COLUMN "workRole" TEXT;

