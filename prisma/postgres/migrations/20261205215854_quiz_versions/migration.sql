-- AlterTable
ALTER TABLE "Quiz" ADD COLUMN     "currentVersionId" TEXT,
ADD COLUMN     "draft" TEXT,
ADD COLUMN     "draftUpdatedAt" TIMESTAMP(3),
ADD COLUMN     "draftUpdatedById" TEXT,
ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "QuizVersion" (
    "id" TEXT NOT NULL,
    "quizId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "moduleId" TEXT,
    "settings" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "origin" TEXT NOT NULL DEFAULT 'file',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuizVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "QuizVersion_quizId_number_key" ON "QuizVersion"("quizId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Quiz_currentVersionId_key" ON "Quiz"("currentVersionId");

-- AddForeignKey
ALTER TABLE "Quiz" ADD CONSTRAINT "Quiz_currentVersionId_fkey" FOREIGN KEY ("currentVersionId") REFERENCES "QuizVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizVersion" ADD CONSTRAINT "QuizVersion_quizId_fkey" FOREIGN KEY ("quizId") REFERENCES "Quiz"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Every existing quiz starts its history as version 1, from its content file.
INSERT INTO "QuizVersion" ("id", "quizId", "number", "title", "description", "moduleId", "settings", "contentHash", "origin", "createdAt")
SELECT 'v1-' || "id", "id", 1, "title", "description", "moduleId", "settings", '', 'file', "updatedAt" FROM "Quiz";
UPDATE "Quiz" SET "currentVersionId" = 'v1-' || "id";
