CREATE TABLE "calendar_overrides" (
	"scope" text NOT NULL,
	"date" text NOT NULL,
	"kind" text NOT NULL,
	"name" text,
	"source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_overrides_scope_date_pk" PRIMARY KEY("scope","date")
);
--> statement-breakpoint
CREATE TABLE "classification_feedback" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"demand_id" uuid,
	"text" text NOT NULL,
	"category_code" text NOT NULL,
	"suggested" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demand_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"demand_id" uuid NOT NULL,
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
CREATE TABLE "demand_routing_rules" (
	"district_code" text NOT NULL,
	"category_code" text NOT NULL,
	"target" text NOT NULL,
	"department_id" uuid,
	"utility" text,
	"complexity" text DEFAULT 'general' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demand_units" (
	"demand_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"role" text NOT NULL,
	"district_code" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demands" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"code" text NOT NULL,
	"channel" text NOT NULL,
	"type" text NOT NULL,
	"urgency" text NOT NULL,
	"content" text NOT NULL,
	"category_code" text,
	"category_name" text,
	"caller_name" text,
	"caller_phone" text,
	"address" text,
	"lng" double precision,
	"lat" double precision,
	"grid_id" uuid,
	"community_id" uuid,
	"street_id" uuid,
	"location_path" text NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"idempotency_key" text,
	"request_hash" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"owner_unit_id" uuid,
	"owner_path" text,
	"due_at" timestamp with time zone,
	"sign_due_at" timestamp with time zone,
	"contact_due_at" timestamp with time zone,
	"due_state" text DEFAULT 'ok' NOT NULL,
	"dispatched_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"escalated" boolean DEFAULT false NOT NULL,
	"merged_into" uuid,
	"event_count" integer DEFAULT 0 NOT NULL,
	"state" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "demand_events" ADD CONSTRAINT "demand_events_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_units" ADD CONSTRAINT "demand_units_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "classification_feedback_district_idx" ON "classification_feedback" USING btree ("district_code","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "demand_events_seq_uq" ON "demand_events" USING btree ("demand_id","seq");--> statement-breakpoint
CREATE INDEX "demand_events_type_at_idx" ON "demand_events" USING btree ("district_code","type","at");--> statement-breakpoint
CREATE UNIQUE INDEX "demand_routing_rules_uq" ON "demand_routing_rules" USING btree ("district_code","category_code");--> statement-breakpoint
CREATE UNIQUE INDEX "demand_units_uq" ON "demand_units" USING btree ("demand_id","unit_id","role");--> statement-breakpoint
CREATE INDEX "demand_units_path_idx" ON "demand_units" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "demands_code_uq" ON "demands" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "demands_idempotency_uq" ON "demands" USING btree ("district_code","idempotency_key");--> statement-breakpoint
CREATE INDEX "demands_district_status_idx" ON "demands" USING btree ("district_code","status");--> statement-breakpoint
CREATE INDEX "demands_owner_path_idx" ON "demands" USING btree ("owner_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "demands_location_path_idx" ON "demands" USING btree ("location_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "demands_due_idx" ON "demands" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "demands_grid_category_idx" ON "demands" USING btree ("grid_id","category_code","created_at");--> statement-breakpoint
CREATE INDEX "demands_created_idx" ON "demands" USING btree ("district_code","created_at");