CREATE TABLE `ad_insights` (
	`org_id` text NOT NULL,
	`ad_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`hour_start` integer NOT NULL,
	`attribution_window` text NOT NULL,
	`impressions` integer NOT NULL,
	`clicks` integer NOT NULL,
	`spend_minor` integer NOT NULL,
	`conversions` integer NOT NULL,
	`revenue_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`pulled_at` integer NOT NULL,
	PRIMARY KEY(`org_id`, `ad_id`, `hour_start`)
);
--> statement-breakpoint
CREATE INDEX `ad_insights_org_hour` ON `ad_insights` (`org_id`,`hour_start`);--> statement-breakpoint
CREATE INDEX `ad_insights_org_campaign_hour` ON `ad_insights` (`org_id`,`campaign_id`,`hour_start`);--> statement-breakpoint
CREATE TABLE `autopilot_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`cycle_key` text NOT NULL,
	`cycle` text NOT NULL,
	`window_start` integer NOT NULL,
	`entity_kind` text NOT NULL,
	`entity_id` text NOT NULL,
	`ad_set_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`verdict` text NOT NULL,
	`action_type` text NOT NULL,
	`action` text NOT NULL,
	`reasons` text NOT NULL,
	`inputs` text NOT NULL,
	`thresholds` text NOT NULL,
	`expected` text NOT NULL,
	`rule_version` text NOT NULL,
	`mode` text NOT NULL,
	`requires_approval` integer NOT NULL,
	`status` text NOT NULL,
	`decided_by` text DEFAULT 'autopilot' NOT NULL,
	`reviewed_at` integer,
	`executed_at` integer,
	`error` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `autopilot_decisions_org_key` ON `autopilot_decisions` (`org_id`,`cycle_key`);--> statement-breakpoint
CREATE INDEX `autopilot_decisions_org` ON `autopilot_decisions` (`org_id`,`id`);--> statement-breakpoint
CREATE INDEX `autopilot_decisions_org_status` ON `autopilot_decisions` (`org_id`,`status`);--> statement-breakpoint
CREATE INDEX `autopilot_decisions_org_campaign` ON `autopilot_decisions` (`org_id`,`campaign_id`,`id`);--> statement-breakpoint
CREATE INDEX `autopilot_decisions_org_ad_set_action` ON `autopilot_decisions` (`org_id`,`ad_set_id`,`action_type`,`status`);--> statement-breakpoint
CREATE TABLE `conversion_webhook_secrets` (
	`org_id` text PRIMARY KEY NOT NULL,
	`sealed_secret` text NOT NULL,
	`last_four` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `daily_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`date` text NOT NULL,
	`time_zone` text NOT NULL,
	`currency` text NOT NULL,
	`html_key` text NOT NULL,
	`csv_key` text NOT NULL,
	`totals` text NOT NULL,
	`details` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `daily_reports_org_date` ON `daily_reports` (`org_id`,`date`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`external_order_id` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`utm_source` text,
	`utm_medium` text,
	`utm_campaign` text,
	`utm_content` text,
	`utm_term` text,
	`campaign_id` text,
	`ad_id` text,
	`ordered_at` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_org_external` ON `orders` (`org_id`,`external_order_id`);--> statement-breakpoint
CREATE INDEX `orders_org_campaign` ON `orders` (`org_id`,`campaign_id`,`ordered_at`);--> statement-breakpoint
CREATE INDEX `orders_org_ordered` ON `orders` (`org_id`,`ordered_at`);