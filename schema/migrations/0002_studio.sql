CREATE TABLE `ai_cache` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`cache_key` text NOT NULL,
	`provider` text NOT NULL,
	`model` text NOT NULL,
	`generation_id` text NOT NULL,
	`usage` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ai_cache_org_key` ON `ai_cache` (`org_id`,`cache_key`);--> statement-breakpoint
CREATE INDEX `ai_cache_generation` ON `ai_cache` (`org_id`,`generation_id`);--> statement-breakpoint
CREATE TABLE `ai_provider_health` (
	`org_id` text NOT NULL,
	`provider` text NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`open_until` integer,
	`probe_until` integer,
	`updated_at` integer,
	PRIMARY KEY(`org_id`, `provider`)
);
--> statement-breakpoint
CREATE TABLE `ai_provider_keys` (
	`org_id` text NOT NULL,
	`provider` text NOT NULL,
	`encrypted_key` text,
	`key_last4` text,
	`base_url` text,
	`updated_at` integer,
	PRIMARY KEY(`org_id`, `provider`)
);
--> statement-breakpoint
CREATE TABLE `studio_generations` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`request_hash` text NOT NULL,
	`job_id` text,
	`created_by` text,
	`modality` text NOT NULL,
	`prompt` text NOT NULL,
	`template_id` text,
	`params` text NOT NULL,
	`chain` text NOT NULL,
	`hold_id` text NOT NULL,
	`credits_held` integer NOT NULL,
	`markup_bps` integer NOT NULL,
	`provider` text,
	`model` text,
	`usage` text,
	`cached` integer DEFAULT false NOT NULL,
	`output_key` text,
	`output_mime` text,
	`output_bytes` integer,
	`output_text` text,
	`checkpointed_at` integer,
	`price_version` text,
	`cost_nano_usd` integer,
	`credits_charged` integer,
	`settled_at` integer,
	`favorite` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `studio_generations_org_key` ON `studio_generations` (`org_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `studio_generations_org_id` ON `studio_generations` (`org_id`,`id`);--> statement-breakpoint
CREATE TABLE `studio_settings` (
	`org_id` text PRIMARY KEY NOT NULL,
	`chains` text,
	`cache_policy` text DEFAULT 'free' NOT NULL,
	`cache_ttl_seconds` integer DEFAULT 604800 NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE TABLE `studio_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`modality` text NOT NULL,
	`locale` text NOT NULL,
	`prompt` text NOT NULL,
	`variables` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE INDEX `studio_templates_org` ON `studio_templates` (`org_id`,`id`);