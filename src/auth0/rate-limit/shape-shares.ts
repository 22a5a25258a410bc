/**
 * How much of each operation shape's recent demand the limiter admitted (docs/design.md#fair-under-overload).
 * Counts decay with a time constant of `windowMs`, so a shape's standing follows the last few seconds of load and
 * the map forgets shapes no longer asked. A shape is a name for a kind of work: the GraphQL operation's name, or
 * a hash of its document.
 */
export interface ShapeShares {
  /** A call of `shape` asked for the budget. */
  asked(shape: string, now: number): void;
  /** `by` calls of `shape` were admitted (+1) or, once admitted, refused after all (-1). */
  admitted(shape: string, now: number, by: 1 | -1): void;
  /** The share of its recent calls `shape` had admitted; 1 for a shape not asked lately. */
  ratio(shape: string, now: number): number;
}

interface Standing {
  asked: number;
  admitted: number;
  at: number;
}

/** Shapes kept at most; past it the least asked are forgotten (callers choose operation names). */
const MAX_SHAPES = 1_000;

export function createShapeShares(windowMs = 10_000): ShapeShares {
  const shapes = new Map<string, Standing>();

  function standing(shape: string, now: number): Standing {
    let current = shapes.get(shape);
    if (current === undefined) {
      if (shapes.size >= MAX_SHAPES) forgetQuietest();
      current = { asked: 0, admitted: 0, at: now };
      shapes.set(shape, current);
    }
    const decay = Math.exp(-Math.max(0, now - current.at) / windowMs);
    current.asked *= decay;
    current.admitted *= decay;
    current.at = now;
    return current;
  }

  function forgetQuietest(): void {
    let quietest: string | undefined;
    let least = Infinity;
    for (const [shape, { asked }] of shapes) {
      if (asked < least) {
        least = asked;
        quietest = shape;
      }
    }
    if (quietest !== undefined) shapes.delete(quietest);
  }

  return {
    asked(shape, now) {
      standing(shape, now).asked += 1;
    },
    admitted(shape, now, by) {
      const current = standing(shape, now);
      current.admitted = Math.max(0, current.admitted + by);
    },
    ratio(shape, now) {
      const current = standing(shape, now);
      return current.asked < 1e-9 ? 1 : current.admitted / current.asked;
    },
  };
}
