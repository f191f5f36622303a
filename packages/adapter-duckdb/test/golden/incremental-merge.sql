CREATE TABLE "marts"."__strata_tmp_orders_SUFFIX" AS
select 2 as order_id, 20 as amount
---
BEGIN
---
MERGE INTO "marts"."orders" AS t
USING "marts"."__strata_tmp_orders_SUFFIX" AS s
ON t."order_id" = s."order_id"
WHEN MATCHED THEN UPDATE SET "amount" = s."amount"
WHEN NOT MATCHED THEN INSERT ("order_id", "amount") VALUES (s."order_id", s."amount")
---
COMMIT
---
DROP TABLE IF EXISTS "marts"."__strata_tmp_orders_SUFFIX"
