CREATE TABLE "community_policy_facts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"community_code" text NOT NULL,
	"year" integer NOT NULL,
	"two_committee_members" integer,
	"service_station_staff" integer,
	"party_org" text,
	"party_members" integer,
	"working_funds_yuan" integer,
	"party_building_funds_yuan" integer,
	"note" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_overrides" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"rule_key" text NOT NULL,
	"value" jsonb NOT NULL,
	"source" text NOT NULL,
	"set_by" text NOT NULL,
	"set_by_id" uuid,
	"set_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "list_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"version_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"item_code" text NOT NULL,
	"name" text NOT NULL,
	"category" text,
	"demand_categories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"responsible_unit_code" text,
	"basis" text,
	"details" jsonb,
	"transfers" jsonb,
	"proposal_id" uuid,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "list_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"kind" text NOT NULL,
	"scope_code" text NOT NULL,
	"scope_path" text NOT NULL,
	"version_no" integer NOT NULL,
	"title" text NOT NULL,
	"approving_document" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"origin" text NOT NULL,
	"file_name" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "access_proposals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"list_kind" text NOT NULL,
	"scope_code" text NOT NULL,
	"proposed_by_unit_code" text NOT NULL,
	"proposed_by" text NOT NULL,
	"item" jsonb NOT NULL,
	"transfers" jsonb NOT NULL,
	"status" text NOT NULL,
	"approval" jsonb,
	"rejection_reason" text,
	"result_version_id" uuid,
	"result_item_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "form_registrations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"department_code" text NOT NULL,
	"department_name" text NOT NULL,
	"community_code" text NOT NULL,
	"community_path" text NOT NULL,
	"name" text NOT NULL,
	"form_kind" text NOT NULL,
	"frequency" text,
	"status" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "meeting_registrations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"organiser_unit_code" text NOT NULL,
	"organiser_name" text NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"community_codes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"attendees_per_community" integer NOT NULL,
	"reason" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"from_unit_code" text NOT NULL,
	"from_unit_name" text NOT NULL,
	"target_code" text NOT NULL,
	"target_path" text NOT NULL,
	"target_level" text NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"cited_item_code" text,
	"cited_item_id" uuid,
	"list_version_id" uuid,
	"status" text NOT NULL,
	"refusal" jsonb,
	"notice_no" text,
	"due_date" date,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"station_code" text NOT NULL,
	"station_path" text NOT NULL,
	"item_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"item_name" text NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"applicant_name" text NOT NULL,
	"applicant_phone" text,
	"proxy_agent" text,
	"first_responder" text NOT NULL,
	"first_responder_id" uuid,
	"appointment_at" timestamp with time zone,
	"provided_materials" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"missing_materials" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notice_issued_at" timestamp with time zone,
	"time_limit" jsonb NOT NULL,
	"accepted_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"completed_on_time" boolean,
	"result" text,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "list_items" ADD CONSTRAINT "list_items_version_id_list_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."list_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "community_policy_facts_uq" ON "community_policy_facts" USING btree ("community_code","year");--> statement-breakpoint
CREATE INDEX "community_policy_facts_district_idx" ON "community_policy_facts" USING btree ("district_code","year");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_overrides_rule_uq" ON "policy_overrides" USING btree ("district_code","rule_key");--> statement-breakpoint
CREATE UNIQUE INDEX "list_items_version_code_uq" ON "list_items" USING btree ("version_id","item_code");--> statement-breakpoint
CREATE INDEX "list_items_district_kind_idx" ON "list_items" USING btree ("district_code","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "list_versions_scope_no_uq" ON "list_versions" USING btree ("scope_code","kind","version_no");--> statement-breakpoint
CREATE INDEX "list_versions_district_kind_idx" ON "list_versions" USING btree ("district_code","kind");--> statement-breakpoint
CREATE INDEX "access_proposals_district_idx" ON "access_proposals" USING btree ("district_code","status");--> statement-breakpoint
CREATE INDEX "form_registrations_pair_idx" ON "form_registrations" USING btree ("department_code","community_code","status");--> statement-breakpoint
CREATE INDEX "meeting_registrations_district_idx" ON "meeting_registrations" USING btree ("district_code","held_on");--> statement-breakpoint
CREATE INDEX "work_requests_target_idx" ON "work_requests" USING btree ("district_code","target_code");--> statement-breakpoint
CREATE INDEX "work_requests_path_idx" ON "work_requests" USING btree ("target_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "service_cases_station_idx" ON "service_cases" USING btree ("district_code","station_code","status");--> statement-breakpoint
CREATE INDEX "service_cases_path_idx" ON "service_cases" USING btree ("station_path" text_pattern_ops);