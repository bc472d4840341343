// Proves each config compiles decorators the way it says: legacy
// decorators receive (target, key, descriptor), standard ones (value, context).
import { expect, it } from 'vitest';

let seen = '';

function probe(...args: unknown[]): void {
  seen = args.length === 2 && typeof args[1] === 'object' ? 'tc39' : 'legacy';
}

class Probe {
  @probe
  method(): void {}
}

it(`compiles ${process.env.DECORATORS} decorators`, () => {
  expect(Probe).toBeTypeOf('function');
  expect(seen).toBe(process.env.DECORATORS);
});
