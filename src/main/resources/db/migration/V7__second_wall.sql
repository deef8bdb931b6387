-- The database as the second wall.
--
-- A runaway statement or a transaction left open cannot hold a connection for long:
-- limits for every session of the service role (change them with ALTER ROLE).
ALTER ROLE ${app_role} SET statement_timeout = '15s';
ALTER ROLE ${app_role} SET idle_in_transaction_session_timeout = '60s';

-- SECURITY DEFINER functions run with their owner's rights. Owned by the migrating
-- superuser they could do anything; owned by this role they may read and write
-- Portico's tables past the lens (what they exist for) and nothing else. It cannot log
-- in, and the service's roles are not members of it.
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${app_role}_definer') THEN
		CREATE ROLE ${app_role}_definer NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS;
	END IF;
END
$$;
GRANT USAGE, CREATE ON SCHEMA public TO ${app_role}_definer;
GRANT ALL ON ALL TABLES IN SCHEMA public TO ${app_role}_definer;
GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ${app_role}_definer;

-- Each definer function: owned by that role, and resolving names in pg_catalog and
-- public only, with pg_temp last (left out, pg_temp would be searched first, and a
-- caller's temporary table or function could stand in for Portico's).
DO $$
DECLARE
	f regprocedure;
BEGIN
	FOR f IN SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
	         WHERE n.nspname = 'public' AND p.prosecdef LOOP
		EXECUTE format('ALTER FUNCTION %s OWNER TO ${app_role}_definer', f);
		EXECUTE format('ALTER FUNCTION %s SET search_path = pg_catalog, public, pg_temp', f);
	END LOOP;
END
$$;
