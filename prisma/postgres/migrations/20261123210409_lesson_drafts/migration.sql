-- AlterTable
ALTER TABLE "Lesson" ADD COLUMN     "draftSource" TEXT,
ADD COLUMN     "draftUpdatedAt" TIMESTAMP(3),
ADD COLUMN     "draftUpdatedById" TEXT,
ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0;

