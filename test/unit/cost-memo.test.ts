import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createCostMemo } from '../../src/cost/cost-memo.ts';
import type { CostEstimate, CostInput } from '../../src/cost/estimate-cost.ts';
import { schema } from '../../src/schema/index.ts';

function counting() {
  const seen: CostInput[] = [];
  const estimate = (input: CostInput): CostEstimate => {
    seen.push(input);
    return { calls: seen.length, mostExpensive: undefined, byLane: {} };
  };
  return { seen, estimate };
}

const document = parse('query A($n: Int) { organizations(first: $n) { edges { node { memberCount } } } } query B { tenantStats { activeUsers } }');

describe('createCostMemo', () => {
  it('estimates a document, operation and variables once', () => {
    const { seen, estimate } = counting();
    const memo = createCostMemo(estimate);
    expect(memo({ schema, document, operationName: 'A', variables: { n: 5 } }).calls).toBe(1);
    expect(memo({ schema, document, operationName: 'A', variables: { n: 5 } }).calls).toBe(1);
    expect(seen).toHaveLength(1);
  });

  it('keys by variables, operation name and document', () => {
    const { seen, estimate } = counting();
    const memo = createCostMemo(estimate);
    memo({ schema, document, operationName: 'A', variables: { n: 5 } });
    expect(memo({ schema, document, operationName: 'A', variables: { n: 50 } }).calls).toBe(2);
    expect(memo({ schema, document, operationName: 'A' }).calls).toBe(3);
    expect(memo({ schema, document, operationName: 'B', variables: { n: 5 } }).calls).toBe(4);
    expect(memo({ schema, document: parse('{ tenantStats { activeUsers } }'), variables: { n: 5 } }).calls).toBe(5);
    expect(memo({ schema, document, operationName: 'A', variables: { n: 50 } }).calls).toBe(2);
    expect(seen).toHaveLength(5);
  });

  it('holds at most `max` estimates, dropping the least recently used', () => {
    const { seen, estimate } = counting();
    const memo = createCostMemo(estimate, { max: 2 });
    memo({ schema, document, operationName: 'A', variables: { n: 1 } });
    memo({ schema, document, operationName: 'A', variables: { n: 2 } });
    memo({ schema, document, operationName: 'A', variables: { n: 1 } });
    memo({ schema, document, operationName: 'A', variables: { n: 3 } });
    expect(seen).toHaveLength(3);
    memo({ schema, document, operationName: 'A', variables: { n: 1 } });
    expect(seen).toHaveLength(3);
    memo({ schema, document, operationName: 'A', variables: { n: 2 } });
    expect(seen).toHaveLength(4);
  });

  it('keeps no estimate whose key alone exceeds the character bound', () => {
    const { seen, estimate } = counting();
    const memo = createCostMemo(estimate, { maxKeyChars: 100 });
    const variables = { n: 1, padding: 'x'.repeat(200) };
    memo({ schema, document, operationName: 'A', variables });
    memo({ schema, document, operationName: 'A', variables });
    expect(seen).toHaveLength(2);
  });
});
