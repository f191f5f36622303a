CREATE TABLE "marts"."__strata_tmp_orders_SUFFIX" AS
select 2 as id
---
BEGIN
---
DROP TABLE IF EXISTS "marts"."orders"
---
ALTER TABLE "marts"."__strata_tmp_orders_SUFFIX" RENAME TO "orders"
---
COMMIT
