CREATE TABLE "assessment_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"scheme_id" uuid NOT NULL,
	"period" text NOT NULL,
	"indicator_key" text NOT NULL,
	"subject_code" text NOT NULL,
	"kind" text NOT NULL,
	"score" double precision NOT NULL,
	"data" jsonb NOT NULL,
	"entered_by_id" uuid,
	"entered_by_label" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_result_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"result_id" uuid NOT NULL,
	"subject_code" text NOT NULL,
	"indicator_key" text NOT NULL,
	"record_type" text NOT NULL,
	"record_id" text NOT NULL,
	"record_code" text,
	"outcome" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "assessment_results" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"scheme_id" uuid NOT NULL,
	"scheme_version" integer NOT NULL,
	"scheme_name" text NOT NULL,
	"evaluated_kind" text NOT NULL,
	"period" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"definition" jsonb NOT NULL,
	"profile_id" text NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"summary" jsonb NOT NULL,
	"rows" jsonb NOT NULL,
	"subject_paths" jsonb NOT NULL,
	"correction_of" uuid,
	"reason" text,
	"computed_by_label" text NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"published_by_label" text,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "assessment_schemes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"name" text NOT NULL,
	"evaluated_kind" text NOT NULL,
	"period_kind" text NOT NULL,
	"definition" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"profile_id" text NOT NULL,
	"warnings" jsonb NOT NULL,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assessment_entries" ADD CONSTRAINT "assessment_entries_scheme_id_assessment_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."assessment_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_result_records" ADD CONSTRAINT "assessment_result_records_result_id_assessment_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."assessment_results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_scheme_id_assessment_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."assessment_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_entries_uq" ON "assessment_entries" USING btree ("scheme_id","period","indicator_key","subject_code");--> statement-breakpoint
CREATE INDEX "assessment_result_records_idx" ON "assessment_result_records" USING btree ("result_id","subject_code","indicator_key");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_results_version_uq" ON "assessment_results" USING btree ("scheme_id","period","version");--> statement-breakpoint
CREATE INDEX "assessment_results_district_idx" ON "assessment_results" USING btree ("district_code","period");--> statement-breakpoint
CREATE INDEX "assessment_schemes_district_idx" ON "assessment_schemes" USING btree ("district_code","created_at");