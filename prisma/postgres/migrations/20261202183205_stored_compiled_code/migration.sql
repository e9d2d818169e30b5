-- AlterTable
ALTER TABLE "LessonVersion" ADD COLUMN     "compiledCode" TEXT;

-- AlterTable
ALTER TABLE "ScenarioVersion" ADD COLUMN     "compiledStems" TEXT;

