// Unit tests: pure logic next to the code (*.spec.ts), no I/O.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs'],
  testRegex: '\\.spec\\.ts$',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^@citygrid/([^/]+)$': '<rootDir>/libs/$1/src' },
};
