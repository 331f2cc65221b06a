CREATE TABLE "demand_rollup_pending" (
	"demand_id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"period" text NOT NULL,
	"owner_path" text NOT NULL,
	"fail_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demand_rollups" (
	"district_code" text NOT NULL,
	"period" text NOT NULL,
	"owner_path" text NOT NULL,
	"dispatched" integer DEFAULT 0 NOT NULL,
	"responded" integer DEFAULT 0 NOT NULL,
	"late" integer DEFAULT 0 NOT NULL,
	"callbacks" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"rated" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	"appeals_excluded" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "demand_rollups_district_code_period_owner_path_pk" PRIMARY KEY("district_code","period","owner_path")
);
--> statement-breakpoint
CREATE INDEX "demand_rollup_pending_idx" ON "demand_rollup_pending" USING btree ("district_code","period","fail_at");--> statement-breakpoint
-- Backfill: the rollups of the demands already stored (the same SQL as src/demands/rollups/rebuild-rollups.ts).
  WITH m AS (
    SELECT d.id, d.district_code, d.owner_path,
      to_char((d.created_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM') AS period,
      (d.state->>'signedAt')::timestamptz AS sa, (d.state->>'signDueAt')::timestamptz AS sd,
      (d.state->>'contactedAt')::timestamptz AS ca, (d.state->>'contactDueAt')::timestamptz AS cd,
      (d.state->'callback'->>'reached')::boolean IS TRUE AS reached,
      (d.state->'callback'->>'resolved')::boolean AS res,
      coalesce(d.state->'callback'->>'satisfaction', '') AS sat,
      coalesce(d.state->>'appeal', 'none') = 'approved' AS appeal_ok
    FROM demands d
    WHERE d.owner_path IS NOT NULL AND d.status NOT IN ('refused', 'answered', 'merged') AND true
  ), f AS (
    SELECT m.*, (sa IS NOT NULL AND (sd IS NULL OR sa <= sd)) AS sign_ok,
      (ca IS NOT NULL AND (cd IS NULL OR ca <= cd)) AS contact_ok
    FROM m
  ), c AS (
    SELECT f.*,
      (sign_ok AND contact_ok) AS responded,
      (NOT (sign_ok AND contact_ok) AND ((sa IS NOT NULL AND NOT sign_ok) OR (ca IS NOT NULL AND NOT contact_ok))) AS late,
      (reached AND NOT appeal_ok) AS counted
    FROM f
  ), ins AS (
    INSERT INTO demand_rollups (district_code, period, owner_path, dispatched, responded, late, callbacks,
      resolved, rated, satisfied, appeals_excluded)
    SELECT district_code, period, owner_path, count(*)::int,
      count(*) FILTER (WHERE responded)::int, count(*) FILTER (WHERE late)::int,
      count(*) FILTER (WHERE counted AND res IS NOT NULL)::int, count(*) FILTER (WHERE counted AND res)::int,
      count(*) FILTER (WHERE counted AND sat <> '')::int,
      count(*) FILTER (WHERE counted AND sat IN ('satisfied', 'basically_satisfied'))::int,
      count(*) FILTER (WHERE reached AND appeal_ok)::int
    FROM c GROUP BY district_code, period, owner_path
  )
  INSERT INTO demand_rollup_pending (demand_id, district_code, period, owner_path, fail_at)
  SELECT id, district_code, period, owner_path,
    least(CASE WHEN sa IS NULL THEN sd END, CASE WHEN ca IS NULL THEN cd END)
  FROM c
  WHERE NOT responded AND NOT late
    AND least(CASE WHEN sa IS NULL THEN sd END, CASE WHEN ca IS NULL THEN cd END) IS NOT NULL;
