CREATE TABLE `lead_import_rejections` (
	`org_id` text NOT NULL,
	`import_id` text NOT NULL,
	`line` integer NOT NULL,
	`values` text NOT NULL,
	`problems` text NOT NULL,
	PRIMARY KEY(`import_id`, `line`)
);
--> statement-breakpoint
CREATE INDEX `lead_import_rejections_org` ON `lead_import_rejections` (`org_id`,`import_id`);--> statement-breakpoint
CREATE TABLE `lead_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`board_id` text NOT NULL,
	`file_name` text NOT NULL,
	`file_key` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`delimiter` text NOT NULL,
	`headers` text NOT NULL,
	`total_rows` integer NOT NULL,
	`mapping` text,
	`default_source` text,
	`job_id` text,
	`processed_rows` integer DEFAULT 0 NOT NULL,
	`imported` integer DEFAULT 0 NOT NULL,
	`merged` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE INDEX `lead_imports_board` ON `lead_imports` (`org_id`,`board_id`,`id`);