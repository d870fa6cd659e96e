-- A substring index for the queues' search by words (app/cases/case-words.server.ts, decision 022).
-- SQLite's FTS5 over each case's character pairs: contentless (the texts stay in "Case"), keyed by the
-- case number as an integer, documents only (no positions: a search confirms with LIKE anyway).
CREATE VIRTUAL TABLE "CaseWords" USING fts5("terms", content='', contentless_delete=1, detail=none, tokenize='ascii');

-- Cases whose words must be (re)written. Triggers fill it whoever writes "Case" (the portal, a seed,
-- the benchmark's generator, a hand-run statement); the portal empties it before it reads the index.
CREATE TABLE "CaseWordsPending" (
    "number" TEXT NOT NULL PRIMARY KEY
);

CREATE TRIGGER "Case_words_insert" AFTER INSERT ON "Case" BEGIN
    INSERT OR IGNORE INTO "CaseWordsPending" ("number") VALUES (NEW."number");
END;
CREATE TRIGGER "Case_words_update" AFTER UPDATE OF "number", "title", "companyName", "districtId", "streetId", "assigneeDeptId" ON "Case" BEGIN
    INSERT OR IGNORE INTO "CaseWordsPending" ("number") VALUES (OLD."number"), (NEW."number");
END;
CREATE TRIGGER "Case_words_delete" AFTER DELETE ON "Case" BEGIN
    INSERT OR IGNORE INTO "CaseWordsPending" ("number") VALUES (OLD."number");
END;

-- Every existing case: the portal indexes them at start-up.
INSERT INTO "CaseWordsPending" ("number") SELECT "number" FROM "Case";
