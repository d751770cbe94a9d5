/** Creatives: the headlines, texts, calls to action and images the studio generates for a product. */
import type { Messages } from '../define.ts';

export default {
  creatives: 'Criativos',
  generateCreatives: 'Gerar criativos',
  qualifyFirst: 'Criativos são gerados para produtos qualificados.',
  generating: 'Gerando…',
  generatingProgress: 'Gerando criativos no estúdio',
  generatingCount: '{done} de {total} criativos prontos',
  creativeFailed: 'Falhou (os créditos foram devolvidos); edite o texto para usar.',
  editCreative: 'Editar criativo',
  creativeImageAlt: 'Imagem gerada para o anúncio',
  noCreatives: 'Nenhum criativo ainda',
  noCreativesBody:
    'Gere 5 títulos, textos em 3 estilos, chamadas e imagens pelo estúdio; os créditos são reservados e cobrados por criativo.',
  headlines: 'Títulos',
  ctas: 'Chamadas para ação',
  images: 'Imagens',
  bodyStyle: 'Texto — {style}',
  style_informative: 'informativo',
  style_urgency: 'urgência',
  style_social_proof: 'prova social',
} satisfies Messages;
