-- CreateTable
CREATE TABLE "PanelRating" (
    "scenarioId" TEXT NOT NULL,
    "raterId" TEXT NOT NULL,
    "scores" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PanelRating_pkey" PRIMARY KEY ("scenarioId","raterId")
);

-- AddForeignKey
ALTER TABLE "PanelRating" ADD CONSTRAINT "PanelRating_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelRating" ADD CONSTRAINT "PanelRating_raterId_fkey" FOREIGN KEY ("raterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

