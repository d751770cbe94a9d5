/**
 * @module CreditLedger: one per organization, the single writer of its credit balance. Money is
 * never a CRDT: every entry is applied serially, exactly once, and never overdraws.
 */
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../worker/env.ts';

export class CreditLedger extends DurableObject<Env> {}
