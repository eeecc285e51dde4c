/** Layering rules from DESIGN.md, checked in `npm test`. */
module.exports = {
  forbidden: [
    {
      name: 'analyzers-only-model-catalog',
      comment: 'Analyzers import only src/model and src/catalog (and their own folder).',
      severity: 'error',
      from: { path: '^analyzers/' },
      to: { path: '^src/', pathNot: '^src/(model|catalog)/' },
    },
    {
      name: 'generators-only-model-catalog',
      comment: 'Generators import only src/model and src/catalog (and their own folder).',
      severity: 'error',
      from: { path: '^generators/' },
      to: { path: '^src/', pathNot: '^src/(model|catalog)/' },
    },
    {
      name: 'generators-never-import-analyzers',
      severity: 'error',
      from: { path: '^generators/' },
      to: { path: '^analyzers/' },
    },
    {
      name: 'plugins-never-import-each-other',
      comment:
        'An analyzer or generator folder imports only its own folder and the shared pieces in <layer>/shared/ (the diagram view, the IaC core). shared/ imports no plugin.',
      severity: 'error',
      from: { path: '^(analyzers|generators)/([^/]+)/' },
      to: { path: '^(analyzers|generators)/', pathNot: '^$1/($2|shared)/' },
    },
    {
      name: 'nothing-imports-cli',
      severity: 'error',
      from: { pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'model-is-the-root',
      comment: 'src/model depends on nothing else of ours.',
      severity: 'error',
      from: { path: '^src/model/' },
      to: { path: '^(src/(?!model/)|analyzers/|generators/)' },
    },
    {
      name: 'review-never-imports-planners',
      comment: 'Review is not planning: shared queries, operations and remedies live in src/graph.',
      severity: 'error',
      from: { path: '^src/review/' },
      to: { path: '^src/planners/' },
    },
    {
      name: 'graph-only-model-catalog',
      comment: 'src/graph (queries, operations, remedies) builds on src/model and src/catalog only.',
      severity: 'error',
      from: { path: '^src/graph/' },
      to: { path: '^(src/(?!(model|catalog|graph)/)|analyzers/|generators/)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
