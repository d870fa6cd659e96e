-- CreateTable
CREATE TABLE "MatchDigest" (
    "companyId" TEXT NOT NULL PRIMARY KEY,
    "digest" TEXT NOT NULL
);
