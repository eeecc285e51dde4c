// Lazy registry of generators: the D2 WASM and resvg load only when a diagram is drawn.
import type { Generator } from '../src/model/plugin.js';

export const generatorLoaders = {
  d2: () => import('./d2/index.js').then((m) => m.default),
  mermaid: () => import('./mermaid/index.js').then((m) => m.default),
  drawio: () => import('./drawio/index.js').then((m) => m.default),
  structurizr: () => import('./structurizr/index.js').then((m) => m.default),
  terraform: () => import('./terraform/index.js').then((m) => m.default),
  cdktf: () => import('./cdktf/index.js').then((m) => m.default),
  cloudformation: () => import('./cloudformation/index.js').then((m) => m.default),
  docs: () => import('./docs/index.js').then((m) => m.default),
} satisfies Record<string, () => Promise<Generator<never>>>;

export type GeneratorId = keyof typeof generatorLoaders;

export async function loadGenerator<Id extends GeneratorId>(
  id: Id,
): Promise<Awaited<ReturnType<(typeof generatorLoaders)[Id]>>> {
  return (await generatorLoaders[id]()) as Awaited<ReturnType<(typeof generatorLoaders)[Id]>>;
}
