-- The notice (flash) the first post of a form answered with, so a repeated post that is
-- sent where the first went shows the same confirmation.
ALTER TABLE "FormSubmission" ADD COLUMN "notice" VARCHAR(40);
