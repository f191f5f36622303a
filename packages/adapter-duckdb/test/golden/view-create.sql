CREATE OR REPLACE VIEW "marts"."v" AS
select 1 as id
