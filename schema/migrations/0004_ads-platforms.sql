CREATE TABLE `ad_platform_accounts` (
	`org_id` text NOT NULL,
	`platform` text NOT NULL,
	`account_id` text NOT NULL,
	`encrypted_access_token` text NOT NULL,
	`token_last4` text NOT NULL,
	`publisher_id` text NOT NULL,
	`pixel_id` text,
	`currency` text NOT NULL,
	`time_zone` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`org_id`, `platform`)
);
