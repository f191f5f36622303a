CREATE TABLE "marts"."__strata_tmp_customers_snapshot_SUFFIX" AS
select 1 as id, 'b' as tier, timestamp '2024-01-02' as updated_at
---
BEGIN
---
INSERT INTO "marts"."customers_snapshot" ("id", "tier", "updated_at", "valid_from", "valid_to", "is_current", "strata_scd_id")
SELECT s."id", s."tier", s."updated_at", cast(s."updated_at" as TIMESTAMP), cast(NULL AS TIMESTAMP), true, md5(cast((coalesce(cast(s."id" as varchar), '') || '|' || coalesce(cast(cast(s."updated_at" as TIMESTAMP) as varchar), '')) as varchar))
FROM "marts"."__strata_tmp_customers_snapshot_SUFFIX" AS s
WHERE NOT EXISTS (SELECT 1 FROM "marts"."customers_snapshot" AS t WHERE t."is_current" AND t."id" = s."id" AND NOT coalesce(cast(s."updated_at" as TIMESTAMP) > t."valid_from", false))
---
UPDATE "marts"."customers_snapshot" AS t SET "valid_to" = cast(s."updated_at" as TIMESTAMP), "is_current" = false
FROM "marts"."__strata_tmp_customers_snapshot_SUFFIX" AS s
WHERE t."is_current" AND t."id" = s."id" AND coalesce(cast(s."updated_at" as TIMESTAMP) > t."valid_from", false)
---
UPDATE "marts"."customers_snapshot" AS t SET "valid_to" = cast('2024-02-01 00:00:00.000' as TIMESTAMP), "is_current" = false
WHERE t."is_current" AND NOT EXISTS (SELECT 1 FROM "marts"."__strata_tmp_customers_snapshot_SUFFIX" AS s WHERE s."id" = t."id")
---
COMMIT
---
DROP TABLE IF EXISTS "marts"."__strata_tmp_customers_snapshot_SUFFIX"
