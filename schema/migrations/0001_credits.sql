CREATE TABLE `billing_accounts` (
	`org_id` text PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`customer_id` text NOT NULL,
	`payment_method_id` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `credit_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`credits` integer NOT NULL,
	`balance_delta` integer NOT NULL,
	`balance_after` integer NOT NULL,
	`held_after` integer NOT NULL,
	`hold_id` text,
	`member_id` text,
	`actor_id` text,
	`reason` text,
	`provider` text,
	`model` text,
	`price_version` text,
	`usage` text,
	`meta` text,
	`payment_ref` text,
	`idempotency_key` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credit_entries_org_seq` ON `credit_entries` (`org_id`,`seq`);--> statement-breakpoint
CREATE INDEX `credit_entries_org_kind_created` ON `credit_entries` (`org_id`,`kind`,`created_at`);--> statement-breakpoint
CREATE INDEX `credit_entries_payment` ON `credit_entries` (`payment_ref`);