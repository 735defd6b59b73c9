import assert from "node:assert/strict";
import {
  formatAgainst,
  formatNumber,
  formatTick,
  linearScale,
  niceAxis,
  niceStep,
} from "../../../src/report/render/scale.ts";

Deno.test("niceStep() rounds up to 1, 2, 2.5, 5 or 10 times a power of ten", () => {
  assert.deepEqual([0.07, 1, 1.3, 2.2, 3, 7, 13, 0.3].map(niceStep), [
    0.1,
    1,
    2,
    2.5,
    5,
    10,
    20,
    0.5,
  ]);
});

Deno.test("niceStep() throws RangeError when the step is not positive", () => {
  assert.throws(() => niceStep(0), { name: "RangeError", message: 'Invalid step: "0"' });
  assert.throws(() => niceStep(NaN), { name: "RangeError", message: 'Invalid step: "NaN"' });
});

Deno.test("niceAxis() covers the values from zero with nice ticks", () => {
  assert.deepEqual(niceAxis([3.2, 18.5, 12]), {
    min: 0,
    max: 20,
    step: 5,
    ticks: [0, 5, 10, 15, 20],
  });
  assert.deepEqual(niceAxis([33.7, 49.5], { count: 6 }), {
    min: 0,
    max: 50,
    step: 10,
    ticks: [0, 10, 20, 30, 40, 50],
  });
});

Deno.test("niceAxis() extends below zero when a value is negative", () => {
  assert.deepEqual(niceAxis([-0.4, 2.1]), {
    min: -0.5,
    max: 2.5,
    step: 0.5,
    ticks: [-0.5, 0, 0.5, 1, 1.5, 2, 2.5],
  });
});

Deno.test("niceAxis() gives clean decimal ticks without binary noise", () => {
  const axis = niceAxis([0.3], { count: 3 });
  assert.deepEqual(axis.ticks, [0, 0.1, 0.2, 0.3]);
});

Deno.test("niceAxis() ignores non-finite values and falls back to 0..1 when none is left", () => {
  assert.deepEqual(niceAxis([NaN, Infinity]), {
    min: 0,
    max: 1,
    step: 0.2,
    ticks: [0, 0.2, 0.4, 0.6, 0.8, 1],
  });
  assert.deepEqual(niceAxis([], { includeZero: false }).ticks, [0, 0.2, 0.4, 0.6, 0.8, 1]);
});

Deno.test("niceAxis() without zero keeps a single value visible", () => {
  assert.deepEqual(niceAxis([7], { includeZero: false, count: 1 }), {
    min: 0,
    max: 10,
    step: 10,
    ticks: [0, 10],
  });
});

Deno.test("linearScale() maps the domain onto a reversed pixel range", () => {
  const y = linearScale([0, 50], [300, 30]);
  assert.equal(y(0), 300);
  assert.equal(y(50), 30);
  assert.equal(y(25), 165);
});

Deno.test("linearScale() throws RangeError on an empty domain", () => {
  assert.throws(() => linearScale([3, 3], [0, 1]), {
    name: "RangeError",
    message: "Invalid scale domain: [3, 3] is empty",
  });
});

Deno.test("formatNumber() rounds to exactly one decimal by default and shows a dash for non-finite", () => {
  assert.deepEqual([12.34, 12.96, -0.04, 15, 9, NaN].map((v) => formatNumber(v)), [
    "12.3",
    "13.0",
    "0.0",
    "15.0",
    "9.0",
    "–",
  ]);
  assert.equal(formatNumber(0.875, 0), "1");
});

Deno.test("formatTick() shows as many decimals as the step needs", () => {
  assert.equal(formatTick(0.25, 0.25), "0.25");
  assert.equal(formatTick(7.5, 2.5), "7.5");
  assert.equal(formatTick(20, 5), "20");
  assert.equal(formatTick(0.30000000000000004, 0.1), "0.3");
});

Deno.test("formatAgainst() adds decimals so a mean above the level never reads as the level", () => {
  assert.equal(formatAgainst(15.02, 15), "15.02");
  assert.equal(formatAgainst(15.0004, 15), "15.0004");
  assert.equal(formatAgainst(15.00001, 15), "15.0");
  assert.equal(formatAgainst(15.04, 15), "15.04");
  assert.equal(formatAgainst(15.06, 15), "15.1");
  assert.equal(formatAgainst(14.98, 15), "15.0");
  assert.equal(formatAgainst(15.02, undefined), "15.0");
  assert.equal(formatAgainst(9, 15), "9.0");
});

Deno.test("niceAxis() gives a finite axis with few ticks for any finite range", () => {
  const M = Number.MAX_VALUE;
  const cases: [number[], boolean][] = [
    [[1.7e308], true],
    [[-M, M], true],
    [[M], false],
    [[-M], true],
    [[5e-324, 1e-323], false],
    [[1e-200, 2e-200], false],
    [[1, 1 + 2 ** -52], false],
    [[-1e300, 1e-300], false],
  ];
  for (const [values, includeZero] of cases) {
    const axis = niceAxis(values, { includeZero });
    const label = `${values} (includeZero ${includeZero})`;
    assert.ok(Number.isFinite(axis.min) && Number.isFinite(axis.max), label);
    assert.ok(axis.step > 0 && Number.isFinite(axis.step), label);
    assert.ok(axis.ticks.length >= 2 && axis.ticks.length <= 100, label);
    assert.ok(axis.ticks.every(Number.isFinite), label);
    for (const v of values) assert.ok(axis.min <= v && v <= axis.max, label);
  }
});

Deno.test("niceAxis() reads a million values without spreading them on the stack", () => {
  const values = Array.from({ length: 1_000_000 }, (_, i) => i % 97);
  assert.deepEqual(niceAxis(values).max, 100);
});

Deno.test("linearScale() maps a domain wider than the largest double", () => {
  const M = Number.MAX_VALUE;
  const x = linearScale([-M, M], [0, 100]);
  assert.equal(x(-M), 0);
  assert.equal(x(M), 100);
  assert.equal(x(0), 50);
});
