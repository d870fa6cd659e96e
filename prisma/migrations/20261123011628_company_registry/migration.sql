-- CreateTable
CREATE TABLE "CompanyQualification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "companyId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "certificateNo" TEXT,
    "issuedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CompanyQualification_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CompanyIndicator" (
    "companyId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "revenue" REAL,
    "rdExpense" REAL,
    "taxPaid" REAL,
    "totalAssets" REAL,
    "highTechRevenue" REAL,
    "employees" INTEGER,
    "insuredStaff" INTEGER,
    "scienceStaff" INTEGER,
    "unemploymentInsurancePaid" REAL,
    "insuranceMonthsPaid" INTEGER,
    "layoffs" INTEGER,

    PRIMARY KEY ("companyId", "year"),
    CONSTRAINT "CompanyIndicator_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CompanyTag" (
    "companyId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,

    PRIMARY KEY ("companyId", "tag"),
    CONSTRAINT "CompanyTag_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Visit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "companyId" TEXT NOT NULL,
    "visitorId" TEXT NOT NULL,
    "visitedOn" DATETIME NOT NULL,
    "notes" TEXT NOT NULL,
    "problems" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Visit_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Visit_visitorId_fkey" FOREIGN KEY ("visitorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ImportJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fileName" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "progress" REAL NOT NULL DEFAULT 0,
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "message" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "ImportJob_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ImportRowError" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" TEXT NOT NULL,
    "row" INTEGER NOT NULL,
    "column" TEXT,
    "message" TEXT NOT NULL,
    CONSTRAINT "ImportRowError_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "ImportJob" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Company" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "uscc" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "legalRep" TEXT,
    "registeredAt" DATETIME,
    "registeredCapital" REAL,
    "address" TEXT,
    "districtCode" TEXT,
    "streetCode" TEXT,
    "communityCode" TEXT,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "contactEmail" TEXT,
    "businessScope" TEXT,
    "industryCode" TEXT,
    "sizeClass" TEXT,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "gridId" TEXT,
    "parkGridId" TEXT,
    "lastVisitAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Company_gridId_fkey" FOREIGN KEY ("gridId") REFERENCES "GridNode" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Company_parkGridId_fkey" FOREIGN KEY ("parkGridId") REFERENCES "GridNode" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Company" ("createdAt", "gridId", "id", "name", "parkGridId", "updatedAt", "uscc") SELECT "createdAt", "gridId", "id", "name", "parkGridId", "updatedAt", "uscc" FROM "Company";
DROP TABLE "Company";
ALTER TABLE "new_Company" RENAME TO "Company";
CREATE UNIQUE INDEX "Company_uscc_key" ON "Company"("uscc");
CREATE INDEX "Company_gridId_idx" ON "Company"("gridId");
CREATE INDEX "Company_parkGridId_idx" ON "Company"("parkGridId");
CREATE INDEX "Company_industryCode_idx" ON "Company"("industryCode");
CREATE INDEX "Company_sizeClass_idx" ON "Company"("sizeClass");
CREATE INDEX "Company_lastVisitAt_idx" ON "Company"("lastVisitAt");
CREATE INDEX "Company_name_idx" ON "Company"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CompanyQualification_kind_expiresAt_idx" ON "CompanyQualification"("kind", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "CompanyQualification_companyId_kind_issuedAt_key" ON "CompanyQualification"("companyId", "kind", "issuedAt");

-- CreateIndex
CREATE INDEX "CompanyIndicator_year_idx" ON "CompanyIndicator"("year");

-- CreateIndex
CREATE INDEX "CompanyTag_tag_idx" ON "CompanyTag"("tag");

-- CreateIndex
CREATE INDEX "Visit_companyId_visitedOn_idx" ON "Visit"("companyId", "visitedOn");

-- CreateIndex
CREATE INDEX "ImportJob_createdAt_idx" ON "ImportJob"("createdAt");

-- CreateIndex
CREATE INDEX "ImportRowError_jobId_row_idx" ON "ImportRowError"("jobId", "row");
