import { describe, expect, it } from "vitest";
import { repeatedKeys } from "../../helpers/service.js";

describe("the test services' log guard", () => {
  it("finds a top-level key named twice, ignoring nested objects and string contents", () => {
    expect(repeatedKeys('{"component":"run","component":"run","x":[{"component":1}]}')).toEqual([
      "component",
    ]);
    expect(repeatedKeys('{"a":1,"b":{"a":2},"c":"x\\"a\\":","d":"}"}')).toEqual([]);
  });
});
