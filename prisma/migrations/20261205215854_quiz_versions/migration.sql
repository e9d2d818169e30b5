-- CreateTable
CREATE TABLE "QuizVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "quizId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "moduleId" TEXT,
    "settings" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "origin" TEXT NOT NULL DEFAULT 'file',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "QuizVersion_quizId_fkey" FOREIGN KEY ("quizId") REFERENCES "Quiz" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Quiz" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL DEFAULT 'module',
    "moduleId" TEXT,
    "settings" TEXT NOT NULL,
    "currentVersionId" TEXT,
    "draft" TEXT,
    "draftUpdatedAt" DATETIME,
    "draftUpdatedById" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Quiz_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Quiz_currentVersionId_fkey" FOREIGN KEY ("currentVersionId") REFERENCES "QuizVersion" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Quiz" ("createdAt", "description", "id", "kind", "moduleId", "settings", "slug", "title", "updatedAt") SELECT "createdAt", "description", "id", "kind", "moduleId", "settings", "slug", "title", "updatedAt" FROM "Quiz";
DROP TABLE "Quiz";
ALTER TABLE "new_Quiz" RENAME TO "Quiz";
CREATE UNIQUE INDEX "Quiz_slug_key" ON "Quiz"("slug");
CREATE UNIQUE INDEX "Quiz_currentVersionId_key" ON "Quiz"("currentVersionId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "QuizVersion_quizId_number_key" ON "QuizVersion"("quizId", "number");


-- Every existing quiz starts its history as version 1, from its content file.
INSERT INTO "QuizVersion" ("id", "quizId", "number", "title", "description", "moduleId", "settings", "contentHash", "origin", "createdAt")
SELECT 'v1-' || "id", "id", 1, "title", "description", "moduleId", "settings", '', 'file', "updatedAt" FROM "Quiz";
UPDATE "Quiz" SET "currentVersionId" = 'v1-' || "id";
