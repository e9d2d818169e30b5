-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Lesson" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "moduleId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "currentVersionId" TEXT,
    "draftSource" TEXT,
    "draftUpdatedAt" DATETIME,
    "draftUpdatedById" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Lesson_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Lesson_currentVersionId_fkey" FOREIGN KEY ("currentVersionId") REFERENCES "LessonVersion" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Lesson" ("createdAt", "currentVersionId", "id", "moduleId", "position", "slug", "updatedAt") SELECT "createdAt", "currentVersionId", "id", "moduleId", "position", "slug", "updatedAt" FROM "Lesson";
DROP TABLE "Lesson";
ALTER TABLE "new_Lesson" RENAME TO "Lesson";
CREATE UNIQUE INDEX "Lesson_slug_key" ON "Lesson"("slug");
CREATE UNIQUE INDEX "Lesson_currentVersionId_key" ON "Lesson"("currentVersionId");
CREATE INDEX "Lesson_moduleId_position_idx" ON "Lesson"("moduleId", "position");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

