CREATE TABLE `billing_details` (
	`org_id` text PRIMARY KEY NOT NULL,
	`tax_id_kind` text NOT NULL,
	`tax_id` text NOT NULL,
	`legal_name` text NOT NULL,
	`postal_code` text NOT NULL,
	`street` text NOT NULL,
	`number` text NOT NULL,
	`complement` text DEFAULT '' NOT NULL,
	`district` text NOT NULL,
	`city` text NOT NULL,
	`state` text NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `leads` ADD `lost_reason` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `stages` ADD `outcome` text;