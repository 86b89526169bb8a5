/** Version of the generator written into every `@generated` header (kept equal to package.json by a test). */
export const GENERATOR_VERSION = '0.1.0';
