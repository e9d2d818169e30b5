-- AlterTable
ALTER TABLE "User" ADD COLUMN "lastReminderAt" DATETIME;

-- CreateTable
CREATE TABLE "FrameworkVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "FrameworkVersion_number_key" ON "FrameworkVersion"("number");

