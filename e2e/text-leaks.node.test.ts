import { describe, expect, it } from 'vitest';
import { findLeaks } from './text-leaks.ts';

const kinds = (text: string, allow?: string[]) =>
  findLeaks(text, allow).map((l) => `${l.kind}:${l.found}`);

describe('findLeaks', () => {
  it.each([
    ['a credit statement reason', 'Unused part of the hold'],
    ['a validation message', 'A campaign needs at least one ad set.'],
    ['a sandbox page', 'Offline stand-in for Google sign-in. Choose who to be.'],
    ['a word the English dictionary has, alone as a label', 'Statement'],
  ])('finds English: %s', (_, text) => {
    expect(kinds(text).some((k) => k.startsWith('english:'))).toBe(true);
  });

  it.each([
    ['a job kind', 'studio.generate', 'dotted identifier'],
    ['an audit action', 'api_key.created', 'dotted identifier'],
    ['a detail key', 'creditsHeld: 2', 'camelCase identifier'],
    ['a snake_case key', 'loss_reason', 'snake_case identifier'],
    ['an API key scope', 'org:read', 'scope name'],
    ['a pack id', 'Credit pack pack-500', 'enum value'],
    ['a product category', 'kitchen · R$ 22,90', 'enum value'],
    ['a plan id', 'Plano: free', 'enum value'],
    ['a currency code', 'Limites de gasto (BRL)', 'enum value'],
    ['a time zone id', 'America/Sao_Paulo', 'snake_case identifier'],
    ['a slug', 'autopilot-rules/1', 'slug'],
    ['a timestamp', 'criado 2026-12-07T01:14:00Z', 'ISO timestamp'],
  ])('finds a raw code: %s', (_, text, why) => {
    expect(kinds(text).some((k) => k.startsWith('code:') && k.includes(why))).toBe(true);
  });

  it('finds numbers written the English way, plurals after one, and "há 0 dias"', () => {
    expect(kinds('margem 78.8%')).toContain('number:78.8');
    expect(kinds('1 campos precisam de ajuste')).toContain('plural:1 campos');
    expect(kinds('Atividade há 0 dias')).toContain('relative:há 0 dias');
  });

  it.each([
    'margem 78,8% · R$ 1.234,56 · ROAS 1,5×',
    '1 campo precisa de ajuste antes de publicar',
    '1 mês · 2 campos · 1 crédito',
    'Studio Fit',
    'Enviamos o e-mail para demo@gestorlead.dev',
    'https://loja.example/garrafa-termica e loja.example/garrafa',
    'gpt-4o-mini · Cozinha · Pets',
    'Atividade hoje · ontem · há 3 dias',
    '#cafédamanhã',
    'IP 10.73.0.1',
    'gpt-4.1 · gemini-2.5-flash · anthropic/claude-3.5-haiku',
    'gl_live_I1WIXl…',
    'Servidor próprio (Ollama, vLLM)',
  ])('leaves pt-BR text alone: %s', (text) => {
    expect(kinds(text)).toEqual([]);
  });

  it('leaves alone what the person named themselves', () => {
    expect(kinds('Endereço: agencia-demo')).not.toEqual([]);
    expect(kinds('Endereço: agencia-demo', ['agencia-demo'])).toEqual([]);
  });
});
