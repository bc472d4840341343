/**
 * Which decorator mode this copy of the specs was compiled in: every spec is
 * compiled twice, with `experimentalDecorators` (legacy) and without (TC39),
 * and runs the same assertions in both.
 */
export type DecoratorMode = 'legacy' | 'tc39';

let seen: DecoratorMode | undefined;

function probe(...args: any[]): any {
  seen = args.length === 2 && typeof args[1] === 'object' ? 'tc39' : 'legacy';
}

class Probe {
  @probe
  method(): void {}
}
void Probe;

export const decoratorMode: DecoratorMode = seen as DecoratorMode;

/** A describe title tagged with the mode, so a failure says which compilation failed. */
export const inMode = (title: string): string => `${title} [${decoratorMode}]`;
