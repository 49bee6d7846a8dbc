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
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.spec.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'], exportsFields: ['exports'], conditionNames: ['require', 'node', 'default'] },
  },
};
