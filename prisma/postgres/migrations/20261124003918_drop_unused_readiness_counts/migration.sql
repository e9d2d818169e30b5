-- AlterTable
ALTER TABLE "PersonReadiness" DROP COLUMN "evidence",
DROP COLUMN "readyCount";

