// Import cycles, checked by `npm run lint` (`depcruise`). TypeScript paths resolve through tsconfig.base.json, and
// type-only imports count: a type cycle still ties the files' meanings together. Project boundaries (who may
// import whom) are ESLint's @nx/enforce-module-boundaries, in eslint.config.mjs.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A file must not reach itself through its imports (docs/architecture.md, "Boundaries").',
      from: {},
      to: { circular: true },
    },
    // Matching's contexts depend one way (docs/architecture.md, "Inside a service"): assignments may use rounds,
    // rounds never use assignments; what both need lives in shared/, which uses neither; the read model is the bottom.
    {
      name: 'matching-rounds-not-assignments',
      severity: 'error',
      comment: "matching's rounds context must not import the assignments context: move what both need into shared/.",
      from: { path: '^services/matching/src/rounds/' },
      to: { path: '^services/matching/src/assignments/' },
    },
    {
      name: 'matching-shared-below-contexts',
      severity: 'error',
      comment: "matching's shared/ is below its contexts: it imports neither rounds nor assignments.",
      from: { path: '^services/matching/src/shared/' },
      to: { path: '^services/matching/src/(rounds|assignments)/' },
    },
    {
      name: 'matching-read-model-at-bottom',
      severity: 'error',
      comment: "matching's read model is built from the registries' events alone: it imports no other context of matching.",
      from: { path: '^services/matching/src/read-model/' },
      to: { path: '^services/matching/src/(rounds|assignments|shared)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.spec.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'], exportsFields: ['exports'], conditionNames: ['require', 'node', 'default'] },
  },
};
