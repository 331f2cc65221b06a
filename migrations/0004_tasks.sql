CREATE TABLE "task_comments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"task_id" uuid NOT NULL,
	"text" text NOT NULL,
	"author_id" uuid,
	"author_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"title" text NOT NULL,
	"source_text" text NOT NULL,
	"source_sha256" text NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"owner_path" text NOT NULL,
	"report_cadence" text DEFAULT 'month' NOT NULL,
	"due_soon_days" integer DEFAULT 7 NOT NULL,
	"created_by_id" uuid,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_progress" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"task_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_name" text NOT NULL,
	"role" text NOT NULL,
	"period" text NOT NULL,
	"text" text NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"done" boolean DEFAULT false NOT NULL,
	"reported_by_id" uuid,
	"reported_by_label" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_reminders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"task_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_name" text NOT NULL,
	"unit_path" text NOT NULL,
	"due_date" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_units" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"task_id" uuid NOT NULL,
	"role" text NOT NULL,
	"position" integer NOT NULL,
	"written_name" text NOT NULL,
	"name_key" text NOT NULL,
	"unit_id" uuid,
	"unit_code" text,
	"unit_name" text,
	"unit_path" text,
	"match" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"no" integer NOT NULL,
	"section" text,
	"content" text NOT NULL,
	"lead_names" jsonb NOT NULL,
	"co_names" jsonb NOT NULL,
	"deadline" text,
	"due_date" text,
	"done_at" timestamp with time zone,
	"last_progress_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"overdue_notified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_name_mappings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"name_key" text NOT NULL,
	"name" text NOT NULL,
	"unit_ids" jsonb NOT NULL,
	"created_by_id" uuid,
	"created_by_label" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "task_comments" ADD CONSTRAINT "task_comments_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_progress" ADD CONSTRAINT "task_progress_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_progress" ADD CONSTRAINT "task_progress_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_reminders" ADD CONSTRAINT "task_reminders_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_reminders" ADD CONSTRAINT "task_reminders_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_units" ADD CONSTRAINT "task_units_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_units" ADD CONSTRAINT "task_units_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_plan_id_task_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."task_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "task_comments_task_idx" ON "task_comments" USING btree ("task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "task_plans_source_uq" ON "task_plans" USING btree ("district_code","source_sha256");--> statement-breakpoint
CREATE INDEX "task_progress_task_idx" ON "task_progress" USING btree ("task_id","reported_at");--> statement-breakpoint
CREATE UNIQUE INDEX "task_reminders_once_uq" ON "task_reminders" USING btree ("task_id","kind","unit_id");--> statement-breakpoint
CREATE INDEX "task_reminders_path_idx" ON "task_reminders" USING btree ("district_code","unit_path");--> statement-breakpoint
CREATE INDEX "task_units_task_idx" ON "task_units" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "task_units_path_idx" ON "task_units" USING btree ("district_code","unit_path");--> statement-breakpoint
CREATE INDEX "task_units_match_idx" ON "task_units" USING btree ("district_code","match");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_plan_seq_uq" ON "tasks" USING btree ("plan_id","seq");--> statement-breakpoint
CREATE INDEX "tasks_district_due_idx" ON "tasks" USING btree ("district_code","due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "unit_name_mappings_key_uq" ON "unit_name_mappings" USING btree ("district_code","name_key");