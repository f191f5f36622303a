CREATE TABLE "marts"."__strata_tmp_daily_SUFFIX" AS
select 1 as customer_id, date '2024-01-01' as day, 6 as n, 'x' as note
---
BEGIN
---
ALTER TABLE "marts"."daily" ADD COLUMN "note" VARCHAR
---
DELETE FROM "marts"."daily" AS t
WHERE EXISTS (SELECT 1 FROM "marts"."__strata_tmp_daily_SUFFIX" AS s WHERE t."customer_id" = s."customer_id" and t."day" = s."day")
---
INSERT INTO "marts"."daily" ("customer_id", "day", "n", "note")
SELECT "customer_id", "day", "n", "note" FROM "marts"."__strata_tmp_daily_SUFFIX"
---
COMMIT
---
DROP TABLE IF EXISTS "marts"."__strata_tmp_daily_SUFFIX"
