-- The admin gateway reads the read model, the dead letters and the pipeline status (SELECT
-- only); the projector owns and writes them. Idempotent, like every file after 0001. Needs the
-- roles of sql/migrations/0041.
GRANT USAGE ON SCHEMA :"schema", projector TO ledgerflow_gateway;
GRANT SELECT ON ALL TABLES IN SCHEMA :"schema", projector TO ledgerflow_gateway;
