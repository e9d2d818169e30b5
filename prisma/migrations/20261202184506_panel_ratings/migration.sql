-- CreateTable
CREATE TABLE "PanelRating" (
    "scenarioId" TEXT NOT NULL,
    "raterId" TEXT NOT NULL,
    "scores" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("scenarioId", "raterId"),
    CONSTRAINT "PanelRating_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PanelRating_raterId_fkey" FOREIGN KEY ("raterId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

