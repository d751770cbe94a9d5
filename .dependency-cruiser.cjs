/**
 * The floor plan's one rule: each layer imports only the layers below it.
 *   web · worker · queues · rooms · services · providers · platform · schema · domain
 * The web sees only the pure core (domain/), the request validators (schema/inputs/) and the API
 * client generated from the OpenAPI document. The one allowed upward arrow: platform/env.ts names
 * the Durable Object classes, type-only, to type the Env bindings.
 */
const LAYERS = [
  'domain',
  'schema',
  'platform',
  'providers',
  'services',
  'rooms',
  'queues',
  'worker',
];

/** Integration tests drive the whole app from inside a layer (the Worker's fetch, a queue's consumer). */
const TESTS = '\\.test\\.tsx?$';

const above = (layer) => LAYERS.slice(LAYERS.indexOf(layer) + 1);

const layerRules = LAYERS.slice(0, -1).map((layer) => ({
  name: `${layer}-imports-only-below`,
  comment: `${layer}/ may import only ${LAYERS.slice(0, LAYERS.indexOf(layer)).join(', ') || 'itself and npm packages'}`,
  severity: 'error',
  from: {
    path: `^${layer}/`,
    pathNot: layer === 'platform' ? ['^platform/env\\.ts$', TESTS] : TESTS,
  },
  to: { path: `^(${[...above(layer), 'web'].join('|')})/` },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'env-names-rooms-type-only',
      comment: 'platform/env.ts may reach rooms/ only for the types of the Durable Object classes',
      severity: 'error',
      from: { path: '^platform/env\\.ts$' },
      to: {
        path: `^(${above('platform')
          .filter((l) => l !== 'rooms')
          .join('|')}|web)/`,
      },
    },
    {
      name: 'env-rooms-import-is-type-only',
      severity: 'error',
      from: { path: '^platform/env\\.ts$' },
      to: { path: '^rooms/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'web-sees-only-the-core-and-the-contract',
      comment: 'the browser bundle imports domain/, schema/inputs/ and its own code only',
      severity: 'error',
      from: { path: '^web/', pathNot: TESTS },
      to: { path: `^(${[...above('schema'), 'schema/(?!inputs/)'].join('|')})` },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^(domain|schema|platform|providers|services)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|\\.wrangler)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
