-- AlterTable
ALTER TABLE "Revision" ADD COLUMN     "reason" TEXT;
