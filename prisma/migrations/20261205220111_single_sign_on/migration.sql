-- AlterTable
ALTER TABLE "User" ADD COLUMN "ssoSubject" TEXT;

-- AlterTable (an added column rather than Prisma's table copy, so no other column of Organisation is rewritten)
ALTER TABLE "Organisation" ADD COLUMN "requireSso" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "User_ssoSubject_key" ON "User"("ssoSubject");
