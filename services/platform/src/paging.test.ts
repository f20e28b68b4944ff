// Page sizes and page tokens: the default, the cap, round trips, and every way a token is refused.
import { expect, test } from "bun:test";
import fc from "fast-check";
import { ServiceError } from "./errors.ts";
import { decodePageToken, encodePageToken, page, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, PAGE_TOKEN_LENGTH_MAX, pageSize, POSITION } from "./paging.ts";

function refused(fn: () => unknown): ServiceError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

test("page size: 0 or unset is the default, up to the cap is as asked, anything else is INVALID_ARGUMENT", () => {
  expect(pageSize(undefined)).toBe(PAGE_SIZE_DEFAULT);
  expect(pageSize(0)).toBe(PAGE_SIZE_DEFAULT);
  expect(pageSize(1)).toBe(1);
  expect(pageSize(PAGE_SIZE_MAX)).toBe(PAGE_SIZE_MAX);
  for (const bad of [PAGE_SIZE_MAX + 1, -1, 1.5, Number.NaN]) {
    const e = refused(() => pageSize(bad));
    expect(e.code).toBe("invalid_argument");
    expect(e.field).toBe("page_size");
    expect(e.message).toContain(`${PAGE_SIZE_MAX}`);
  }
});

test("a token gives back the position it was made from, for its own listing only", () => {
  fc.assert(
    fc.property(fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 3 }), (position) => {
      const token = encodePageToken("things", position);
      expect(
        decodePageToken(
          "things",
          token,
          position.map(() => POSITION.text),
        ),
      ).toEqual(position);
      expect(
        refused(() =>
          decodePageToken(
            "others",
            token,
            position.map(() => POSITION.text),
          ),
        ).field,
      ).toBe("page_token");
    }),
  );
  expect(decodePageToken("things", "", [POSITION.text])).toBeUndefined();
  expect(decodePageToken("things", undefined, [POSITION.text])).toBeUndefined();
});

test("damaged, foreign, too long or ill-shaped tokens are refused as INVALID_ARGUMENT on page_token", () => {
  const seq = encodePageToken("rows", ["42"]);
  expect(decodePageToken("rows", seq, [POSITION.sequence])).toEqual(["42"]);
  const bad = [
    "garbage!",
    seq.slice(0, -2),
    encodePageToken("rows", ["4x2"]),
    encodePageToken("rows", ["42", "43"]),
    Buffer.from(JSON.stringify({ s: "42" })).toString("base64url"),
    Buffer.from(JSON.stringify(["rows", 42])).toString("base64url"),
    "A".repeat(PAGE_TOKEN_LENGTH_MAX + 1),
  ];
  for (const token of bad) {
    const e = refused(() => decodePageToken("rows", token, [POSITION.sequence]));
    expect(e.code).toBe("invalid_argument");
    expect(e.field).toBe("page_token");
  }
  expect(decodePageToken("rows", encodePageToken("rows", ["2026-12-06T16:00:00.000Z", "0b0e0c2a-6d5f-4f7e-9a0e-5d2b8c1e3f4a"]), [POSITION.timestamp, POSITION.uuid])).toHaveLength(2);
  expect(refused(() => decodePageToken("rows", encodePageToken("rows", ["yesterday", "x"]), [POSITION.timestamp, POSITION.uuid])).code).toBe("invalid_argument");
});

test("a page of `size` from size + 1 rows carries the next token; a short read is the last page", () => {
  const rows = [{ id: 1 }, { id: 2 }, { id: 3 }];
  const first = page(rows, 2, "rows", (last) => [String(last.id)]);
  expect(first.items).toEqual([{ id: 1 }, { id: 2 }]);
  expect(decodePageToken("rows", first.nextPageToken, [POSITION.sequence])).toEqual(["2"]);
  expect(page(rows, 3, "rows", (last) => [String(last.id)])).toEqual({ items: rows, nextPageToken: "" });
});
