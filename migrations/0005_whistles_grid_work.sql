CREATE TABLE "grid_assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_code" text NOT NULL,
	"unit_name" text NOT NULL,
	"unit_path" text NOT NULL,
	"community_id" uuid NOT NULL,
	"post" text NOT NULL,
	"user_id" uuid,
	"person_name" text NOT NULL,
	"phone" text,
	"area" text,
	"started_on" text NOT NULL,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by_label" text
);
--> statement-breakpoint
CREATE TABLE "grid_event_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"event_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"unit_id" uuid,
	"note" text,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grid_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"category_code" text NOT NULL,
	"category_name" text NOT NULL,
	"description" text NOT NULL,
	"address" text,
	"lng" double precision,
	"lat" double precision,
	"grid_id" uuid NOT NULL,
	"grid_code" text NOT NULL,
	"location_path" text NOT NULL,
	"community_id" uuid NOT NULL,
	"reporter_id" uuid,
	"reporter_label" text NOT NULL,
	"photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"owner_path" text NOT NULL,
	"handler_path" text,
	"due_at" timestamp with time zone,
	"demand_id" uuid,
	"closed_at" timestamp with time zone,
	"step_count" integer DEFAULT 0 NOT NULL,
	"state" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patrol_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"worker_id" uuid NOT NULL,
	"worker_name" text NOT NULL,
	"grid_id" uuid NOT NULL,
	"grid_code" text NOT NULL,
	"grid_name" text NOT NULL,
	"grid_path" text NOT NULL,
	"community_id" uuid NOT NULL,
	"date" text NOT NULL,
	"month" text NOT NULL,
	"hours" double precision NOT NULL,
	"households_visited" integer NOT NULL,
	"findings" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patrol_sheets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"community_id" uuid NOT NULL,
	"community_path" text NOT NULL,
	"month" text NOT NULL,
	"signed_by_id" uuid NOT NULL,
	"signed_by_name" text NOT NULL,
	"signer_title" text NOT NULL,
	"opinion" text NOT NULL,
	"content_hash" text NOT NULL,
	"entry_count" integer NOT NULL,
	"signed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problem_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"register_id" uuid,
	"community_id" uuid NOT NULL,
	"community_path" text NOT NULL,
	"month" text NOT NULL,
	"kind" text NOT NULL,
	"content" text NOT NULL,
	"grid_event_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"grid_code" text,
	"reported_by_id" uuid,
	"reported_by_label" text NOT NULL,
	"major" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"responsible_leader" text,
	"approved_by" text,
	"assigned_at" timestamp with time zone,
	"assigned_by_label" text,
	"result" text,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problem_registers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"community_id" uuid NOT NULL,
	"community_path" text NOT NULL,
	"month" text NOT NULL,
	"status" text NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by_label" text,
	"signed_off_at" timestamp with time zone,
	"signed_off_leader" text,
	"signed_off_by_label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "whistle_party_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"community_id" uuid NOT NULL,
	"community_path" text NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"work_unit" text,
	"user_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "whistle_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"whistle_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"note" text,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "whistle_summons" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"whistle_id" uuid NOT NULL,
	"target_kind" text NOT NULL,
	"unit_id" uuid,
	"member_id" uuid,
	"target_code" text,
	"target_name" text NOT NULL,
	"target_path" text NOT NULL,
	"blown_at" timestamp with time zone NOT NULL,
	"report_due_at" timestamp with time zone NOT NULL,
	"whistle_status" text NOT NULL,
	"checked_in_at" timestamp with time zone,
	"late" boolean DEFAULT false NOT NULL,
	"action_count" integer DEFAULT 0 NOT NULL,
	"rating_score" integer,
	"rating_comment" text,
	"rated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "whistles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"code" text NOT NULL,
	"level" text NOT NULL,
	"blower_unit_id" uuid NOT NULL,
	"blower_unit_name" text NOT NULL,
	"blower_path" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"address" text,
	"lng" double precision,
	"lat" double precision,
	"report_due_at" timestamp with time zone NOT NULL,
	"act_due_at" timestamp with time zone NOT NULL,
	"demand_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"grid_event_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by_id" uuid,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"closed_at" timestamp with time zone,
	"step_count" integer DEFAULT 0 NOT NULL,
	"state" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "file_links" (
	"file_id" uuid NOT NULL,
	"district_code" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" uuid NOT NULL,
	"paths" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"mime" text NOT NULL,
	"name" text NOT NULL,
	"uploaded_by_id" uuid,
	"uploaded_by_label" text NOT NULL,
	"uploader_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "grid_event_steps" ADD CONSTRAINT "grid_event_steps_event_id_grid_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."grid_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_items" ADD CONSTRAINT "problem_items_register_id_problem_registers_id_fk" FOREIGN KEY ("register_id") REFERENCES "public"."problem_registers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whistle_steps" ADD CONSTRAINT "whistle_steps_whistle_id_whistles_id_fk" FOREIGN KEY ("whistle_id") REFERENCES "public"."whistles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whistle_summons" ADD CONSTRAINT "whistle_summons_whistle_id_whistles_id_fk" FOREIGN KEY ("whistle_id") REFERENCES "public"."whistles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_links" ADD CONSTRAINT "file_links_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grid_assignments_path_idx" ON "grid_assignments" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "grid_assignments_user_idx" ON "grid_assignments" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grid_assignments_active_user_uq" ON "grid_assignments" USING btree ("unit_id","post","user_id") WHERE ended_at IS NULL AND user_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "grid_assignments_one_secretary_uq" ON "grid_assignments" USING btree ("unit_id") WHERE ended_at IS NULL AND post = 'party_secretary';--> statement-breakpoint
CREATE UNIQUE INDEX "grid_event_steps_seq_uq" ON "grid_event_steps" USING btree ("event_id","seq");--> statement-breakpoint
CREATE INDEX "grid_event_steps_type_idx" ON "grid_event_steps" USING btree ("district_code","type","at");--> statement-breakpoint
CREATE UNIQUE INDEX "grid_events_code_uq" ON "grid_events" USING btree ("code");--> statement-breakpoint
CREATE INDEX "grid_events_status_idx" ON "grid_events" USING btree ("district_code","status");--> statement-breakpoint
CREATE INDEX "grid_events_location_idx" ON "grid_events" USING btree ("location_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "grid_events_owner_idx" ON "grid_events" USING btree ("owner_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "grid_events_handler_idx" ON "grid_events" USING btree ("handler_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "grid_events_created_idx" ON "grid_events" USING btree ("district_code","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "patrol_entries_day_uq" ON "patrol_entries" USING btree ("worker_id","grid_id","date");--> statement-breakpoint
CREATE INDEX "patrol_entries_sheet_idx" ON "patrol_entries" USING btree ("community_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "patrol_sheets_month_uq" ON "patrol_sheets" USING btree ("community_id","month");--> statement-breakpoint
CREATE INDEX "problem_items_month_idx" ON "problem_items" USING btree ("community_id","month");--> statement-breakpoint
CREATE INDEX "problem_items_register_idx" ON "problem_items" USING btree ("register_id");--> statement-breakpoint
CREATE INDEX "problem_items_path_idx" ON "problem_items" USING btree ("community_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "problem_registers_month_uq" ON "problem_registers" USING btree ("community_id","month");--> statement-breakpoint
CREATE INDEX "whistle_party_members_path_idx" ON "whistle_party_members" USING btree ("community_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "whistle_steps_seq_uq" ON "whistle_steps" USING btree ("whistle_id","seq");--> statement-breakpoint
CREATE INDEX "whistle_summons_whistle_idx" ON "whistle_summons" USING btree ("whistle_id");--> statement-breakpoint
CREATE INDEX "whistle_summons_target_idx" ON "whistle_summons" USING btree ("target_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "whistle_summons_blown_idx" ON "whistle_summons" USING btree ("district_code","blown_at");--> statement-breakpoint
CREATE UNIQUE INDEX "whistles_code_uq" ON "whistles" USING btree ("code");--> statement-breakpoint
CREATE INDEX "whistles_blower_idx" ON "whistles" USING btree ("blower_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "whistles_created_idx" ON "whistles" USING btree ("district_code","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "file_links_uq" ON "file_links" USING btree ("file_id","target_type","target_id");--> statement-breakpoint
CREATE INDEX "file_links_target_idx" ON "file_links" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE INDEX "files_sha_idx" ON "files" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "files_district_idx" ON "files" USING btree ("district_code","created_at");