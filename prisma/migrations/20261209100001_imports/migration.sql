-- CreateTable
CREATE TABLE "Import" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" VARCHAR(40) NOT NULL,
    "fileName" TEXT NOT NULL,
    "status" VARCHAR(12) NOT NULL DEFAULT 'PREVIEW',
    "columns" JSONB NOT NULL DEFAULT '[]',
    "newRows" INTEGER NOT NULL DEFAULT 0,
    "changedRows" INTEGER NOT NULL DEFAULT 0,
    "unchangedRows" INTEGER NOT NULL DEFAULT 0,
    "refusedRows" INTEGER NOT NULL DEFAULT 0,
    "failure" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Import_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportRow" (
    "id" TEXT NOT NULL,
    "importId" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "outcome" VARCHAR(10) NOT NULL,
    "recordId" TEXT,
    "recordVersion" INTEGER,
    "label" TEXT NOT NULL,
    "values" JSONB,
    "changes" JSONB,
    "errors" JSONB,

    CONSTRAINT "ImportRow_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Import_userId_createdAt_idx" ON "Import"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Import_expiresAt_idx" ON "Import"("expiresAt");

-- CreateIndex
CREATE INDEX "ImportRow_importId_outcome_line_idx" ON "ImportRow"("importId", "outcome", "line");

-- AddForeignKey
ALTER TABLE "ImportRow" ADD CONSTRAINT "ImportRow_importId_fkey" FOREIGN KEY ("importId") REFERENCES "Import"("id") ON DELETE CASCADE ON UPDATE CASCADE;
