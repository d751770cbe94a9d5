/** Creatives: the headlines, texts, calls to action and images the studio generates for a product. */
import { defineMessages } from './define.ts';

export default defineMessages({
  'pt-BR': {
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
  },
  en: {
    creatives: 'Creatives',
    generateCreatives: 'Generate creatives',
    qualifyFirst: 'Creatives are generated for qualified products.',
    generating: 'Generating…',
    generatingProgress: 'Generating creatives in the studio',
    generatingCount: '{done} of {total} creatives ready',
    creativeFailed: 'Failed (credits were returned); edit the text to use it.',
    editCreative: 'Edit creative',
    creativeImageAlt: 'Image generated for the ad',
    noCreatives: 'No creatives yet',
    noCreativesBody:
      'Generate 5 headlines, body texts in 3 styles, calls to action and images through the studio; credits are held and charged per creative.',
    headlines: 'Headlines',
    ctas: 'Calls to action',
    images: 'Images',
    bodyStyle: 'Body — {style}',
    style_informative: 'informative',
    style_urgency: 'urgency',
    style_social_proof: 'social proof',
  },
});
