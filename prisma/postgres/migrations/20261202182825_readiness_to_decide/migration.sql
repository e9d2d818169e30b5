-- AlterTable
ALTER TABLE "ReadinessEstimate" ADD COLUMN     "toDecide" INTEGER;

