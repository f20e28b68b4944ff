-- The admin gateway reads the read model (SELECT only); the projector owns and writes it.
-- Idempotent, like every file after 0001. Needs the roles of sql/migrations/0041.
GRANT USAGE ON SCHEMA :"schema" TO ledgerflow_admin;
GRANT SELECT ON ALL TABLES IN SCHEMA :"schema" TO ledgerflow_admin;
