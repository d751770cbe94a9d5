CREATE TABLE `ad_campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`product_id` text,
	`platform` text NOT NULL,
	`objective` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`external_id` text,
	`currency` text NOT NULL,
	`publish_job_id` text,
	`error` text,
	`created_by` text,
	`published_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE INDEX `ad_campaigns_org` ON `ad_campaigns` (`org_id`,`id`);--> statement-breakpoint
CREATE INDEX `ad_campaigns_org_status` ON `ad_campaigns` (`org_id`,`status`);--> statement-breakpoint
CREATE TABLE `ad_publish_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`job_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`outcome` text NOT NULL,
	`created` integer DEFAULT 0 NOT NULL,
	`error` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ad_publish_attempts_org_campaign` ON `ad_publish_attempts` (`org_id`,`campaign_id`);--> statement-breakpoint
CREATE TABLE `ad_sets` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`name` text NOT NULL,
	`daily_budget_minor` integer NOT NULL,
	`initial_budget_minor` integer NOT NULL,
	`countries` text NOT NULL,
	`age_min` integer NOT NULL,
	`age_max` integer NOT NULL,
	`placements` text NOT NULL,
	`external_id` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`paused_for` text,
	`paused_at` integer,
	`launched_at` integer,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE INDEX `ad_sets_org_campaign` ON `ad_sets` (`org_id`,`campaign_id`);--> statement-breakpoint
CREATE INDEX `ad_sets_org_status` ON `ad_sets` (`org_id`,`status`);--> statement-breakpoint
CREATE TABLE `ads` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`ad_set_id` text NOT NULL,
	`name` text NOT NULL,
	`creative_refs` text NOT NULL,
	`headline` text NOT NULL,
	`body` text NOT NULL,
	`call_to_action` text NOT NULL,
	`image_url` text NOT NULL,
	`landing_url` text NOT NULL,
	`utm_campaign` text NOT NULL,
	`external_id` text,
	`external_creative_id` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`paused_for` text,
	`paused_at` integer,
	`launched_at` integer,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE INDEX `ads_org_ad_set` ON `ads` (`org_id`,`ad_set_id`);--> statement-breakpoint
CREATE INDEX `ads_org_campaign` ON `ads` (`org_id`,`campaign_id`);--> statement-breakpoint
CREATE INDEX `ads_org_utm` ON `ads` (`org_id`,`utm_campaign`);--> statement-breakpoint
CREATE TABLE `ads_settings` (
	`org_id` text PRIMARY KEY NOT NULL,
	`viability` text,
	`autopilot` text,
	`updated_by` text,
	`updated_at` integer
);
--> statement-breakpoint
CREATE TABLE `creatives` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`product_id` text NOT NULL,
	`kind` text NOT NULL,
	`style` text,
	`text` text,
	`media_key` text,
	`media_mime` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`generation_id` text,
	`error` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE INDEX `creatives_org_product` ON `creatives` (`org_id`,`product_id`);--> statement-breakpoint
CREATE INDEX `creatives_org_generation` ON `creatives` (`org_id`,`generation_id`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`images` text NOT NULL,
	`supplier_cost_minor` integer NOT NULL,
	`market_price_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`category` text NOT NULL,
	`keywords` text NOT NULL,
	`source` text NOT NULL,
	`source_ref` text,
	`signals` text NOT NULL,
	`status` text DEFAULT 'scouted' NOT NULL,
	`score` integer,
	`score_parts` text,
	`reasons` text,
	`judged_at` integer,
	`decided_by` text,
	`decision_note` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE INDEX `products_org` ON `products` (`org_id`,`id`);--> statement-breakpoint
CREATE INDEX `products_org_status` ON `products` (`org_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `products_org_source_ref` ON `products` (`org_id`,`source`,`source_ref`);