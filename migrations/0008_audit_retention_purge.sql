-- Retention (等保: at least six months, configurable): the purge of audit rows older than the retention
-- period may delete, inside its own transaction only (SET LOCAL jiedao.audit_purge = 'on'), and it
-- records the purged head in audit_anchors and in an audit.purge row of the chain. Everything else is
-- still refused. (A superuser can do anything; `jiedao audit verify` detects what that lets through.)
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('jiedao.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only (审计日志只能追加)' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
