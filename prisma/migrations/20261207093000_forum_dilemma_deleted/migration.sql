-- AlterTable
ALTER TABLE "Dilemma" ADD COLUMN     "deletedByAuthorAt" TIMESTAMPTZ(3);
