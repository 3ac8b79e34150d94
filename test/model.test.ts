import { describe, expect, it } from "vitest";
import { recommendationText } from "../src/model";

describe("recommendationText", () => {
  it("joins a clause and its action with a colon, a sentence and its action with a space", () => {
    expect(recommendationText({ subject: "at risk", finding: "No top performer has under 14 days of cover", action: "no urgent reorder." })).toBe(
      "No top performer has under 14 days of cover: no urgent reorder.",
    );
    expect(recommendationText({ subject: "stock", finding: "The data has no stock levels.", action: "Add stock levels." })).toBe("The data has no stock levels. Add stock levels.");
  });
});
