-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "lang" VARCHAR(8) NOT NULL DEFAULT 'en',
ADD COLUMN     "translations" JSONB NOT NULL DEFAULT '{}';
