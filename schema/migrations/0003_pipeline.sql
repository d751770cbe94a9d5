CREATE TABLE `boards` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`currency` text DEFAULT 'BRL' NOT NULL,
	`capture_secret_hash` text,
	`scoring_rules` text,
	`assignment` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	`deleted_at` integer,
	`projected_version` integer DEFAULT 0 NOT NULL,
	`projected_at` integer
);
--> statement-breakpoint
CREATE INDEX `boards_org` ON `boards` (`org_id`,`id`);--> statement-breakpoint
CREATE TABLE `lead_events` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`board_id` text NOT NULL,
	`lead_id` text NOT NULL,
	`kind` text NOT NULL,
	`author_user_id` text,
	`author_api_key_id` text,
	`at` integer NOT NULL,
	`payload` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `lead_events_lead` ON `lead_events` (`org_id`,`lead_id`,`at`);--> statement-breakpoint
CREATE TABLE `leads` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`board_id` text NOT NULL,
	`stage_id` text NOT NULL,
	`rank` text NOT NULL,
	`name` text NOT NULL,
	`company` text DEFAULT '' NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`phone_e164` text,
	`email_normalized` text,
	`value` integer DEFAULT 0 NOT NULL,
	`currency` text DEFAULT 'BRL' NOT NULL,
	`source` text DEFAULT '' NOT NULL,
	`owner_id` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`score` integer DEFAULT 0 NOT NULL,
	`next_activity_at` integer,
	`custom` text DEFAULT '{}' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`stage_entered_at` integer,
	`updated_at` integer,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `leads_board_stage` ON `leads` (`org_id`,`board_id`,`stage_id`,`rank`);--> statement-breakpoint
CREATE INDEX `leads_org_id` ON `leads` (`org_id`,`id`);--> statement-breakpoint
CREATE INDEX `leads_owner` ON `leads` (`org_id`,`owner_id`);--> statement-breakpoint
CREATE INDEX `leads_phone` ON `leads` (`org_id`,`phone_e164`);--> statement-breakpoint
CREATE INDEX `leads_email` ON `leads` (`org_id`,`email_normalized`);--> statement-breakpoint
CREATE TABLE `stages` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`board_id` text NOT NULL,
	`name` text NOT NULL,
	`color` text NOT NULL,
	`probability` integer DEFAULT 0 NOT NULL,
	`wip_limit` integer,
	`rotting_days` integer,
	`rank` text NOT NULL,
	`updated_at` integer,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `stages_board` ON `stages` (`org_id`,`board_id`,`rank`);