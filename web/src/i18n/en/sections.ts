/** English for ../pt-BR/sections.ts: exactly its keys. */
import type { Translation } from '../define.ts';
import type words from '../pt-BR/sections.ts';

export default {
  pipeline: 'Pipeline',
  pipelineDescription: 'Your deals, stage by stage, edited live by the team.',
  pipelineEmptyTitle: 'Your sales pipeline will live here',
  pipelineEmptyBody:
    'A shared board of stages, lead cards and notes that the team edits together in real time, even offline on a phone.',
  pipelineFeature1: 'Drag leads between stages and see teammates’ changes at once',
  pipelineFeature2: 'Import leads from spreadsheets without duplicates',
  pipelineFeature3: 'Automatic scoring so you know whom to call first',
  studio: 'Studio',
  campaigns: 'Campaigns',
  campaignsDescription: 'Ad campaigns with an autopilot.',
  campaignsEmptyTitle: 'Your campaigns will live here',
  campaignsEmptyBody:
    'Draft together, approve and publish. The autopilot watches results and tunes budgets.',
  campaignsFeature1: 'Collaborative drafts with an approval queue',
  campaignsFeature2: 'Hourly metrics and decisions every 6 hours',
  campaignsFeature3: 'Alerts when a budget drifts from plan',
  inbox: 'Inbox',
  inboxDescription: 'Conversations with leads, WhatsApp included.',
  inboxEmptyTitle: 'Your conversations will live here',
  inboxEmptyBody:
    'Messages from leads and clients in one place, linked to the pipeline, so nobody is left without an answer.',
  inboxFeature1: 'WhatsApp and e-mail in one inbox',
  inboxFeature2: 'Every conversation linked to its lead',
  inboxFeature3: 'Quick replies and team assignment',
  automations: 'Automations',
  automationsDescription: 'Rules that work while you serve clients.',
  automationsEmptyTitle: 'Your automations will live here',
  automationsEmptyBody:
    'When something happens (a new lead, a stage reached), GestorLead acts for you: messages, tasks and notices.',
  automationsFeature1: 'Triggers from the pipeline, forms and campaigns',
  automationsFeature2: 'Follow-up messages at the right time',
  automationsFeature3: 'A history of every run',
  reports: 'Reports',
  products: 'Products',
  autopilot: 'Autopilot',
  credits: 'Credits',
  members: 'Members',
  apiKeys: 'API keys',
  audit: 'Audit log',
  settings: 'Settings',
  reportsDescription: 'Results in your organization’s time zone and currency.',
  reportsEmptyTitle: 'Your reports will live here',
  reportsEmptyBody:
    'Sales, content and ads in clear numbers, with a daily report ready to send to the client.',
  reportsFeature1: 'Sales funnel and time in each stage',
  reportsFeature2: 'Return per campaign and channel',
  reportsFeature3: 'CSV and PDF export',
} satisfies Translation<typeof words>;
