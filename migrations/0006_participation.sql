CREATE TABLE "consultation_follow_ups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"resolution_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_label" text NOT NULL,
	"note" text NOT NULL,
	"done" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_meetings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"community_id" uuid NOT NULL,
	"community_code" text NOT NULL,
	"community_name" text NOT NULL,
	"community_path" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"planned_at" timestamp with time zone NOT NULL,
	"place" text,
	"host" text,
	"topic_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"held_at" timestamp with time zone,
	"minutes" text,
	"attendance" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"present_count" integer DEFAULT 0 NOT NULL,
	"cancel_reason" text,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by_label" text,
	"recorded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "consultation_resolutions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"meeting_id" uuid NOT NULL,
	"topic_id" uuid,
	"community_path" text NOT NULL,
	"seq" integer NOT NULL,
	"content" text NOT NULL,
	"decision" text NOT NULL,
	"kind" text NOT NULL,
	"owner_unit_id" uuid,
	"owner_unit_name" text,
	"owner_path" text,
	"owner_name" text NOT NULL,
	"due_on" date,
	"status" text NOT NULL,
	"project_id" uuid,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_supports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"topic_id" uuid NOT NULL,
	"supporter_name" text NOT NULL,
	"supporter_phone" text,
	"household" text,
	"supporter_key" text NOT NULL,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_topics" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"code" text NOT NULL,
	"community_id" uuid NOT NULL,
	"community_code" text NOT NULL,
	"community_name" text NOT NULL,
	"community_path" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"origin" text NOT NULL,
	"proposer_name" text,
	"proposer_phone" text,
	"demand_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"project_id" uuid,
	"support_threshold" integer NOT NULL,
	"support_count" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"became_topic_at" timestamp with time zone,
	"meeting_id" uuid,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_settings" (
	"district_code" text PRIMARY KEY NOT NULL,
	"topic_support_threshold" integer DEFAULT 10 NOT NULL,
	"updated_by_label" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_project_milestones" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"project_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"title" text NOT NULL,
	"due_on" date,
	"weight" integer NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"done_at" timestamp with time zone,
	"last_note" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_project_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"project_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"note" text,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_projects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"code" text NOT NULL,
	"parent_id" uuid,
	"unit_id" uuid NOT NULL,
	"unit_code" text NOT NULL,
	"unit_name" text NOT NULL,
	"unit_path" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"owner_unit_id" uuid,
	"owner_unit_name" text,
	"owner_path" text,
	"budget_yuan" integer,
	"weight" integer DEFAULT 1 NOT NULL,
	"demand_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"topic_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"meeting_id" uuid,
	"resolution_id" uuid,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"satisfaction" double precision,
	"step_count" integer DEFAULT 0 NOT NULL,
	"state" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_member_services" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"member_id" uuid NOT NULL,
	"community_path" text NOT NULL,
	"unit_path" text,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"served_on" date NOT NULL,
	"hours" double precision NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"recorded_by_label" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by_label" text,
	"reviewed_at" timestamp with time zone,
	"review_note" text
);
--> statement-breakpoint
CREATE TABLE "party_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"community_id" uuid NOT NULL,
	"community_code" text NOT NULL,
	"community_name" text NOT NULL,
	"community_path" text NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"id_number" text,
	"kind" text NOT NULL,
	"unit_id" uuid,
	"unit_path" text,
	"work_unit" text,
	"skills" text,
	"user_id" uuid,
	"registered_on" date NOT NULL,
	"left_on" date,
	"left_reason" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_unit_registrations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_code" text NOT NULL,
	"unit_name" text NOT NULL,
	"unit_level" text NOT NULL,
	"unit_path" text NOT NULL,
	"street_id" uuid NOT NULL,
	"street_code" text NOT NULL,
	"street_name" text NOT NULL,
	"street_path" text NOT NULL,
	"in_service_members" integer NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"agreement" text,
	"registered_on" date NOT NULL,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_services" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"team_id" uuid,
	"community_path" text NOT NULL,
	"title" text NOT NULL,
	"served_on" date NOT NULL,
	"hours" double precision NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"recorded_by_label" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by_label" text,
	"reviewed_at" timestamp with time zone,
	"review_note" text
);
--> statement-breakpoint
CREATE TABLE "volunteer_team_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"team_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"joined_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_teams" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"community_id" uuid NOT NULL,
	"community_name" text NOT NULL,
	"community_path" text NOT NULL,
	"name" text NOT NULL,
	"service_type" text NOT NULL,
	"leader_id" uuid,
	"description" text,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"community_id" uuid NOT NULL,
	"community_code" text NOT NULL,
	"community_name" text NOT NULL,
	"community_path" text NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"id_number" text,
	"skills" text,
	"registered_on" date NOT NULL,
	"left_on" date,
	"active" boolean DEFAULT true NOT NULL,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consultation_follow_ups" ADD CONSTRAINT "consultation_follow_ups_resolution_id_consultation_resolutions_id_fk" FOREIGN KEY ("resolution_id") REFERENCES "public"."consultation_resolutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_resolutions" ADD CONSTRAINT "consultation_resolutions_meeting_id_consultation_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."consultation_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_supports" ADD CONSTRAINT "consultation_supports_topic_id_consultation_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."consultation_topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_project_milestones" ADD CONSTRAINT "opinion_project_milestones_project_id_opinion_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."opinion_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_project_steps" ADD CONSTRAINT "opinion_project_steps_project_id_opinion_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."opinion_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_member_services" ADD CONSTRAINT "party_member_services_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_services" ADD CONSTRAINT "volunteer_services_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_services" ADD CONSTRAINT "volunteer_services_team_id_volunteer_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."volunteer_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_team_members" ADD CONSTRAINT "volunteer_team_members_team_id_volunteer_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."volunteer_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_team_members" ADD CONSTRAINT "volunteer_team_members_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_teams" ADD CONSTRAINT "volunteer_teams_leader_id_volunteers_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_follow_ups_resolution_idx" ON "consultation_follow_ups" USING btree ("resolution_id");--> statement-breakpoint
CREATE INDEX "consultation_meetings_community_idx" ON "consultation_meetings" USING btree ("community_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "consultation_meetings_held_idx" ON "consultation_meetings" USING btree ("district_code","held_at");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_resolutions_seq_uq" ON "consultation_resolutions" USING btree ("meeting_id","seq");--> statement-breakpoint
CREATE INDEX "consultation_resolutions_community_idx" ON "consultation_resolutions" USING btree ("community_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "consultation_resolutions_owner_idx" ON "consultation_resolutions" USING btree ("owner_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_supports_uq" ON "consultation_supports" USING btree ("topic_id","supporter_key");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_topics_code_uq" ON "consultation_topics" USING btree ("code");--> statement-breakpoint
CREATE INDEX "consultation_topics_community_idx" ON "consultation_topics" USING btree ("community_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE UNIQUE INDEX "opinion_project_milestones_seq_uq" ON "opinion_project_milestones" USING btree ("project_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "opinion_project_steps_seq_uq" ON "opinion_project_steps" USING btree ("project_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "opinion_projects_code_uq" ON "opinion_projects" USING btree ("code");--> statement-breakpoint
CREATE INDEX "opinion_projects_unit_idx" ON "opinion_projects" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "opinion_projects_parent_idx" ON "opinion_projects" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "party_member_services_member_idx" ON "party_member_services" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "party_member_services_community_idx" ON "party_member_services" USING btree ("community_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "party_member_services_served_idx" ON "party_member_services" USING btree ("district_code","served_on");--> statement-breakpoint
CREATE INDEX "party_members_community_idx" ON "party_members" USING btree ("community_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "party_members_unit_idx" ON "party_members" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_members_id_number_uq" ON "party_members" USING btree ("district_code","id_number") WHERE active AND id_number IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "party_unit_registrations_unit_uq" ON "party_unit_registrations" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "party_unit_registrations_street_idx" ON "party_unit_registrations" USING btree ("street_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "volunteer_services_volunteer_idx" ON "volunteer_services" USING btree ("volunteer_id");--> statement-breakpoint
CREATE INDEX "volunteer_services_community_idx" ON "volunteer_services" USING btree ("community_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_team_members_uq" ON "volunteer_team_members" USING btree ("team_id","volunteer_id");--> statement-breakpoint
CREATE INDEX "volunteer_teams_community_idx" ON "volunteer_teams" USING btree ("community_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_teams_name_uq" ON "volunteer_teams" USING btree ("community_id","name");--> statement-breakpoint
CREATE INDEX "volunteers_community_idx" ON "volunteers" USING btree ("community_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "volunteers_id_number_uq" ON "volunteers" USING btree ("district_code","id_number") WHERE active AND id_number IS NOT NULL;