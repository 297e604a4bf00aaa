import { describe, expect, it } from "vitest";
import { formatCount, formatTokens, formatUsd } from "../../../web/src/shared/format.js";

describe("shared number formats", () => {
  it("shows cheap runs to a hundredth of a cent and large sums without cents", () => {
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(0.0012)).toBe("$0.0012");
    expect(formatUsd(0.016)).toBe("$0.0160");
    expect(formatUsd(12.345)).toBe("$12.35");
    expect(formatUsd(12345.6)).toBe("$12,346");
  });

  it("counts tokens in full or compactly", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatTokens(950)).toBe("950");
    expect(formatTokens(12_345)).toBe("12.3k");
    expect(formatTokens(4_100_000)).toBe("4.1M");
  });
});
