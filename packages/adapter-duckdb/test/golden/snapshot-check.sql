CREATE TABLE "marts"."__strata_tmp_customers_check_SUFFIX" AS
select 1 as id, 'b' as tier
---
BEGIN
---
INSERT INTO "marts"."customers_check" ("id", "tier", "valid_from", "valid_to", "is_current", "strata_scd_id")
SELECT s."id", s."tier", cast('2024-02-01 00:00:00.000' as TIMESTAMP), cast(NULL AS TIMESTAMP), true, md5(cast((coalesce(cast(s."id" as varchar), '') || '|' || coalesce(cast(cast('2024-02-01 00:00:00.000' as TIMESTAMP) as varchar), '')) as varchar))
FROM "marts"."__strata_tmp_customers_check_SUFFIX" AS s
WHERE NOT EXISTS (SELECT 1 FROM "marts"."customers_check" AS t WHERE t."is_current" AND t."id" = s."id" AND NOT (s."tier" is distinct from t."tier"))
---
UPDATE "marts"."customers_check" AS t SET "valid_to" = cast('2024-02-01 00:00:00.000' as TIMESTAMP), "is_current" = false
FROM "marts"."__strata_tmp_customers_check_SUFFIX" AS s
WHERE t."is_current" AND t."id" = s."id" AND (s."tier" is distinct from t."tier")
---
COMMIT
---
DROP TABLE IF EXISTS "marts"."__strata_tmp_customers_check_SUFFIX"
